package dev.swarmstack.swarm.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.util.StdConverter;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A size in compose's syntax ({@code 512M}, {@code 1.5g}, {@code 2gb}, {@code 1024}), in binary units as
 * docker's {@code RAMInBytes} reads them. Printed as a quoted byte count, as {@code docker stack config} does.
 */
public record ByteSize(long bytes) {

  private static final Pattern SIZE =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgtp]?)(i?b)?", Pattern.CASE_INSENSITIVE);

  /** @throws IllegalArgumentException with a message that shows the expected form */
  @JsonCreator
  public static ByteSize parse(String text) {
    Matcher m = SIZE.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("invalid size '" + text
          + "': use a number of bytes with an optional unit, e.g. 512M, 1g or 1048576");
    }
    int power = "bkmgtp".indexOf(m.group(2).isEmpty() ? "b" : m.group(2).toLowerCase(Locale.ROOT));
    BigDecimal bytes =
        new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1024).pow(power));
    return new ByteSize(bytes.longValue());
  }

  @JsonCreator
  public static ByteSize of(long bytes) {
    return new ByteSize(bytes);
  }

  @JsonValue
  @Override
  public String toString() {
    return Long.toString(bytes);
  }

  /** For the places where docker prints a size as a bare number ({@code tmpfs.size}). */
  public static final class AsNumber extends StdConverter<ByteSize, Long> {
    @Override
    public Long convert(ByteSize size) {
      return size.bytes();
    }
  }
}
