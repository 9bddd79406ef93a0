package dev.swarmstack.swarm.compose;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * After interpolation every value is text; docker casts the values at these paths back to numbers and
 * booleans (its interpolateTypeCastMapping), so {@code replicas: ${N}} and {@code read_only: ${RO}} work,
 * including YAML 1.1 booleans such as {@code yes} and {@code off}.
 */
final class TypeCasts {

  private record Cast(String[] path, Function<String, JsonNode> to) {}

  private static final Function<String, JsonNode> INT =
      text -> IntNode.valueOf(Integer.parseInt(text.strip()));
  private static final Function<String, JsonNode> FLOAT =
      text -> DecimalNode.valueOf(new BigDecimal(text.strip()));
  private static final Function<String, JsonNode> BOOL = TypeCasts::bool;

  private static final List<Cast> CASTS = List.of(
      service(INT, "configs/*/mode"),
      service(INT, "secrets/*/mode"),
      service(INT, "healthcheck/retries"),
      service(BOOL, "healthcheck/disable"),
      service(INT, "deploy/replicas"),
      service(INT, "deploy/update_config/parallelism"),
      service(FLOAT, "deploy/update_config/max_failure_ratio"),
      service(INT, "deploy/rollback_config/parallelism"),
      service(FLOAT, "deploy/rollback_config/max_failure_ratio"),
      service(INT, "deploy/restart_policy/max_attempts"),
      service(INT, "deploy/placement/max_replicas_per_node"),
      service(INT, "ports/*/target"),
      service(INT, "ports/*/published"),
      service(INT, "ulimits/*"),
      service(INT, "ulimits/*/hard"),
      service(INT, "ulimits/*/soft"),
      service(BOOL, "privileged"),
      service(INT, "oom_score_adj"),
      service(BOOL, "read_only"),
      service(BOOL, "stdin_open"),
      service(BOOL, "tty"),
      service(BOOL, "volumes/*/read_only"),
      service(BOOL, "volumes/*/volume/nocopy"),
      top(BOOL, "networks/*/external"),
      top(BOOL, "networks/*/internal"),
      top(BOOL, "networks/*/attachable"),
      top(BOOL, "volumes/*/external"),
      top(BOOL, "secrets/*/external"),
      top(BOOL, "configs/*/external"));

  private TypeCasts() {}

  private static Cast service(Function<String, JsonNode> to, String path) {
    return top(to, "services/*/" + path);
  }

  private static Cast top(Function<String, JsonNode> to, String path) {
    return new Cast(path.split("/"), to);
  }

  /**
   * The typed value for interpolated {@code text} at {@code at}, or empty when the path is not typed.
   *
   * @throws IllegalArgumentException when the text is not of the path's type
   */
  static Optional<JsonNode> cast(JsonPointer at, String text) {
    for (Cast cast : CASTS) {
      if (matches(cast.path(), at)) {
        try {
          return Optional.of(cast.to().apply(text));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "must be " + (cast.to() == INT ? "an integer" : "a number") + ", not '" + text + "'");
        }
      }
    }
    return Optional.empty();
  }

  private static boolean matches(String[] path, JsonPointer at) {
    JsonPointer p = at;
    for (String segment : path) {
      if (p.matches() || !(segment.equals("*") || segment.equals(p.getMatchingProperty()))) {
        return false;
      }
      p = p.tail();
    }
    return p.matches();
  }

  // YAML 1.1 booleans, as docker accepts them here
  private static JsonNode bool(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "y", "yes", "true", "on" -> BooleanNode.TRUE;
      case "n", "no", "false", "off" -> BooleanNode.FALSE;
      default ->
        throw new IllegalArgumentException("must be a boolean (true or false), not '" + text + "'");
    };
  }
}
