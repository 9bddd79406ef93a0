package dev.swarmstack.swarm.maven;

import dev.swarmstack.swarm.problem.Suggestions;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/** Maven ignores a misspelt -D property without a word; a {@code swarm.*} one the plugin doesn't know gets a warning. */
final class UnknownProperties {

  private static final String PREFIX = "swarm.";

  /** Every constant of {@link PropertyNames}, so that a property added there is known here. */
  static final Set<String> KNOWN = Arrays.stream(PropertyNames.class.getFields())
      .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
      .map(UnknownProperties::value)
      .collect(Collectors.toUnmodifiableSet());

  private UnknownProperties() {}

  /** One warning per unknown {@code swarm.*} property, with the known one it is nearest to. */
  static List<String> warnings(Properties userProperties) {
    return userProperties.stringPropertyNames().stream()
        .filter(name -> name.startsWith(PREFIX) && !KNOWN.contains(name))
        .sorted()
        .map(
            name -> "Unknown property -D" + name
                + Suggestions.nearest(name, KNOWN)
                    .map(known -> ": did you mean -D" + known + "?")
                    .orElse(
                        ": the plugin has no such property and ignores it (mvn swarm:help -Ddetail lists them)"))
        .toList();
  }

  private static String value(Field constant) {
    try {
      return (String) constant.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("PropertyNames' constants are public", e);
    }
  }
}
