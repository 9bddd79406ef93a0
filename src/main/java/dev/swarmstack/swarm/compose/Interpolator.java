package dev.swarmstack.swarm.compose;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.swarmstack.swarm.problem.Origin;
import dev.swarmstack.swarm.problem.Problems;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Substitutes {@code ${VAR}} in the scalar values (never the keys) of a compose tree, with docker's rules:
 * {@code $$} is a literal {@code $}; {@code ${VAR:-d}} / {@code ${VAR-d}} default when unset-or-empty /
 * unset; {@code ${VAR:?msg}} / {@code ${VAR?msg}} fail likewise. An unset variable without a default
 * becomes the empty string, with a warning, as docker compose warns.
 */
final class Interpolator {

  // the same grammar as docker/cli's template package: escaped, named, braced, or an invalid "$"
  private static final Pattern TEMPLATE = Pattern.compile(
      "\\$(?:(?<escaped>\\$)|(?<named>[_a-z][_a-z0-9]*)|\\{(?<braced>[_a-z][_a-z0-9]*(?::?[-?][^}]*)?)}|(?<invalid>))",
      Pattern.CASE_INSENSITIVE);
  // the operator is whatever follows the name, so "${A:?use a-b}" is a required variable, not a
  // default
  private static final Pattern BRACED =
      Pattern.compile("([_a-z][_a-z0-9]*)(:?[-?])?(.*)", Pattern.CASE_INSENSITIVE);

  private final VariableSource variables;
  private final Problems problems;

  Interpolator(VariableSource variables, Problems problems) {
    this.variables = variables;
    this.problems = problems;
  }

  void interpolate(SourceTree tree) {
    walk(tree.root(), JsonPointer.empty(), tree.origins());
  }

  private void walk(JsonNode node, JsonPointer at, SourceMap origins) {
    if (node instanceof ObjectNode object) {
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        JsonPointer child = at.appendProperty(field.getKey());
        if (field.getValue().isTextual()) {
          substitute(field.getValue().textValue(), origins.at(child))
              .ifPresent(v -> field.setValue(typed(child, v, origins)));
        } else {
          walk(field.getValue(), child, origins);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        JsonPointer child = at.appendIndex(i);
        if (array.get(i).isTextual()) {
          int index = i;
          substitute(array.get(i).textValue(), origins.at(child))
              .ifPresent(v -> array.set(index, typed(child, v, origins)));
        } else {
          walk(array.get(i), child, origins);
        }
      }
    }
  }

  /** The interpolated value, cast where docker casts it; the text itself if it does not cast (reported). */
  private JsonNode typed(JsonPointer at, String value, SourceMap origins) {
    try {
      return TypeCasts.cast(at, value).orElseGet(() -> TextNode.valueOf(value));
    } catch (IllegalArgumentException e) {
      problems.error(
          origins.at(at),
          "failed to cast to expected type: " + at.last().getMatchingProperty() + " "
              + e.getMessage());
      return TextNode.valueOf(value);
    }
  }

  /** The substituted text, or empty when it has no template or a template failed (reported). */
  private Optional<String> substitute(String text, Origin origin) {
    if (text.indexOf('$') < 0) {
      return Optional.empty();
    }
    Matcher m = TEMPLATE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement = replacement(m, text, origin);
      if (replacement == null) {
        return Optional.empty();
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return Optional.of(out.toString());
  }

  private String replacement(Matcher m, String text, Origin origin) {
    if (m.group("escaped") != null) {
      return "$";
    }
    String expression = m.group("named") != null ? m.group("named") : m.group("braced");
    if (expression == null) {
      problems.error(
          origin,
          "invalid interpolation format \"" + text
              + "\": use ${VAR} or $VAR, and $$ for a literal $");
      return null;
    }
    Matcher parts = BRACED.matcher(expression);
    parts.matches();
    if (parts.group(2) != null) {
      return apply(parts.group(1), parts.group(2), parts.group(3), origin);
    }
    Optional<String> value = variables.lookup(expression);
    if (value.isEmpty()) {
      problems.warning(
          origin, "The \"" + expression + "\" variable is not set. Defaulting to a blank string.");
    }
    return value.orElse("");
  }

  private String apply(String name, String operator, String argument, Origin origin) {
    Optional<String> value = variables.lookup(name);
    boolean emptyCounts = operator.startsWith(":");
    boolean missing = value.isEmpty() || (emptyCounts && value.get().isEmpty());
    if (!missing) {
      return value.get();
    }
    if (operator.endsWith("-")) {
      return argument;
    }
    problems.error(
        origin,
        "required variable " + name + " is missing a value: " + argument
            + " (set it in the environment, as a Maven property or in .env)");
    return null;
  }
}
