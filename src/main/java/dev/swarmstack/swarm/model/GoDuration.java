package dev.swarmstack.swarm.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration in compose's syntax ({@code 1m30s}, {@code 500ms}, {@code 1.5h}), printed the way Go prints
 * a {@code time.Duration}, which is what {@code docker stack config} writes ({@code 90s} becomes {@code 1m30s}).
 */
public record GoDuration(long nanos) implements Comparable<GoDuration> {

  private static final Pattern PART =
      Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");
  private static final long MICRO = 1_000L;
  private static final long MILLI = 1_000_000L;
  private static final long SECOND = 1_000_000_000L;
  private static final long MINUTE = 60 * SECOND;
  private static final long HOUR = 60 * MINUTE;

  public static GoDuration ofSeconds(long seconds) {
    return new GoDuration(seconds * SECOND);
  }

  /**
   * Parses Go's duration syntax. A bare number is refused, as the CLI refuses it, except {@code 0}.
   *
   * @throws IllegalArgumentException with a message that shows the expected form
   */
  @JsonCreator
  public static GoDuration parse(String text) {
    String s = text.strip();
    if (s.equals("0")) {
      return new GoDuration(0);
    }
    boolean negative = s.startsWith("-");
    String rest = negative || s.startsWith("+") ? s.substring(1) : s;
    Matcher m = PART.matcher(rest);
    BigDecimal total = BigDecimal.ZERO;
    int at = 0;
    while (at < rest.length() && m.find(at) && m.start() == at) {
      total = total.add(new BigDecimal(m.group(1).startsWith(".") ? "0" + m.group(1) : m.group(1))
          .multiply(BigDecimal.valueOf(unitNanos(m.group(2)))));
      at = m.end();
    }
    if (rest.isEmpty() || at != rest.length()) {
      throw new IllegalArgumentException("invalid duration '" + text
          + "': use a number with a unit, e.g. 30s, 1m30s, 500ms or 2h");
    }
    long nanos = total.longValue();
    return new GoDuration(negative ? -nanos : nanos);
  }

  private static long unitNanos(String unit) {
    return switch (unit) {
      case "ns" -> 1;
      case "us", "µs", "μs" -> MICRO;
      case "ms" -> MILLI;
      case "s" -> SECOND;
      case "m" -> MINUTE;
      default -> HOUR;
    };
  }

  public double seconds() {
    return nanos / (double) SECOND;
  }

  @Override
  public int compareTo(GoDuration other) {
    return Long.compare(nanos, other.nanos);
  }

  /** Go's {@code time.Duration.String()}: {@code 1h2m3.5s}, {@code 1.5ms}, {@code 0s}. */
  @JsonValue
  @Override
  public String toString() {
    if (nanos == 0) {
      return "0s";
    }
    String sign = nanos < 0 ? "-" : "";
    long n = Math.abs(nanos);
    if (n < SECOND) {
      if (n < MICRO) {
        return sign + n + "ns";
      }
      return sign + (n < MILLI ? fraction(n, MICRO) + "µs" : fraction(n, MILLI) + "ms");
    }
    StringBuilder out = new StringBuilder(sign);
    if (n >= HOUR) {
      out.append(n / HOUR).append('h');
      n %= HOUR;
    }
    if (out.length() > sign.length() || n >= MINUTE) {
      out.append(n / MINUTE).append('m');
      n %= MINUTE;
    }
    return out.append(fraction(n, SECOND)).append('s').toString();
  }

  private static String fraction(long value, long unit) {
    return BigDecimal.valueOf(value)
        .divide(BigDecimal.valueOf(unit))
        .stripTrailingZeros()
        .toPlainString();
  }
}
