package dev.swarmstack.swarm.maven;

import dev.swarmstack.swarm.maven.PomElements.Located;
import dev.swarmstack.swarm.problem.Origin;
import dev.swarmstack.swarm.problem.Problem;
import dev.swarmstack.swarm.problem.Suggestions;
import java.util.Set;
import org.codehaus.plexus.component.configurator.ComponentConfigurationException;
import org.codehaus.plexus.configuration.PlexusConfiguration;

/**
 * Says what Maven's configurator refused about one pom element, as the compose loader words a bad key: the element,
 * what is wrong, how to fix it. Maven's own text names Java classes ({@code Cannot find 'replica' in class ...}).
 */
final class PomMistakes {

  private static final Set<Class<?>> WHOLE_NUMBERS = Set.of(
      long.class,
      Long.class,
      int.class,
      Integer.class,
      short.class,
      Short.class,
      byte.class,
      Byte.class);
  private static final Set<Class<?>> NUMBERS =
      Set.of(double.class, Double.class, float.class, Float.class);

  private PomMistakes() {}

  static Problem explain(
      Located element, PlexusConfiguration node, ComponentConfigurationException refusal) {
    return Problem.error(Origin.pom(element.path()), what(element, node, refusal));
  }

  private static String what(
      Located element, PlexusConfiguration node, ComponentConfigurationException refusal) {
    String tag = "<" + node.getName() + ">";
    if (element.type() == null) {
      return "unknown element " + tag
          + Suggestions.nearest(node.getName(), PomElements.elementsOf(element.parentType()))
              .map(known -> ": did you mean <" + known + ">?")
              .orElse(": remove it, or check that it is nested in the right element");
    }
    Class<?> expected = PomElements.raw(element.type());
    String value = node.getValue() == null ? "" : node.getValue().trim();
    if (WHOLE_NUMBERS.contains(expected)) {
      return "'" + value + "' is not a whole number: write it in digits, e.g. " + tag + "3</"
          + node.getName() + ">";
    }
    if (NUMBERS.contains(expected)) {
      return "'" + value + "' is not a number: write it in digits, e.g. " + tag + "0.5</"
          + node.getName() + ">";
    }
    return "Maven can't read this element: " + refusal.getMessage();
  }
}
