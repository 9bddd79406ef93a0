package dev.swarmstack.swarm.maven;

import dev.swarmstack.swarm.maven.PomElements.Located;
import dev.swarmstack.swarm.problem.Problem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.codehaus.plexus.classworlds.realm.ClassRealm;
import org.codehaus.plexus.component.configurator.BasicComponentConfigurator;
import org.codehaus.plexus.component.configurator.ComponentConfigurationException;
import org.codehaus.plexus.component.configurator.ConfigurationListener;
import org.codehaus.plexus.component.configurator.expression.ExpressionEvaluationException;
import org.codehaus.plexus.component.configurator.expression.ExpressionEvaluator;
import org.codehaus.plexus.configuration.DefaultPlexusConfiguration;
import org.codehaus.plexus.configuration.PlexusConfiguration;

/**
 * Configures the goals as Maven's basic configurator does, with two differences. An element Maven can't bind (unknown,
 * or a value of the wrong type) does not fail the build before the goal runs: it is left out, explained, and handed
 * to the goal, which reports it with the stack's other errors; binding goes on with the rest. And the -D properties of
 * {@link CommandLineOverrides} replace what the pom configures. Registered in {@code META-INF/plexus/components.xml}.
 */
public class PomConfigurator extends BasicComponentConfigurator {

  /** The {@code @Mojo(configurator = ...)} of every goal; its role hint in {@code components.xml}. */
  static final String HINT = "swarm";

  static final String USER_PROPERTIES = "${session.userProperties}";

  /** A goal configured by this configurator. */
  interface Target {
    void configured(Report report);
  }

  /**
   * @param errors the elements left out, each explained at its element path
   * @param sources where each parameter's value came from ({@link CommandLineOverrides#sources})
   */
  record Report(List<Problem> errors, Map<String, String> sources) {

    static final Report NONE = new Report(List.of(), Map.of());

    /** Where {@code parameter}'s value came from, e.g. {@code -Dswarm.docker.host} or {@code <dockerHost>}. */
    String sourceOf(String parameter) {
      return sources.getOrDefault(parameter, "<" + parameter + ">");
    }
  }

  @Override
  public void configureComponent(
      Object component,
      PlexusConfiguration configuration,
      ExpressionEvaluator evaluator,
      ClassRealm realm,
      ConfigurationListener listener)
      throws ComponentConfigurationException {
    if (!(component instanceof Target target)) {
      super.configureComponent(component, configuration, evaluator, realm, listener);
      return;
    }
    CommandLineOverrides overrides = new CommandLineOverrides(userProperties(evaluator));
    Set<PlexusConfiguration> leftOut = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Problem> errors = new ArrayList<>();
    while (true) {
      Map<PlexusConfiguration, PlexusConfiguration> originals = new IdentityHashMap<>();
      PlexusConfiguration attempt = goalCopy(configuration, overrides, leftOut, originals);
      try {
        super.configureComponent(component, attempt, evaluator, realm, listener);
        break;
      } catch (ComponentConfigurationException e) {
        // Maven stops at the first element it can't bind: leave it out and bind again, to find the
        // others too
        PlexusConfiguration failed = e.getFailedConfiguration();
        Optional<Located> element = Optional.ofNullable(failed)
            .filter(originals::containsKey)
            .flatMap(new PomElements(attempt, component.getClass())::locate);
        if (element.isEmpty() || !leftOut.add(originals.get(failed))) {
          throw e;
        }
        errors.add(PomMistakes.explain(element.get(), failed, e));
      }
    }
    target.configured(new Report(List.copyOf(errors), overrides.sources(configuration)));
  }

  /** The -D properties; none when the evaluator has no session (a test harness). */
  private static Properties userProperties(ExpressionEvaluator evaluator)
      throws ComponentConfigurationException {
    try {
      return evaluator.evaluate(USER_PROPERTIES) instanceof Properties properties
          ? properties
          : new Properties();
    } catch (ExpressionEvaluationException e) {
      throw new ComponentConfigurationException("Cannot evaluate " + USER_PROPERTIES, e);
    }
  }

  /** The goal's configuration with the overrides in place and without the elements left out. */
  private static PlexusConfiguration goalCopy(
      PlexusConfiguration goal,
      CommandLineOverrides overrides,
      Set<PlexusConfiguration> leftOut,
      Map<PlexusConfiguration, PlexusConfiguration> originals) {
    PlexusConfiguration copy = shallowCopy(goal, goal.getValue(null), originals);
    for (PlexusConfiguration parameter : goal.getChildren()) {
      Optional<String> override = overrides.valueFor(parameter.getName());
      if (override.isPresent()) {
        // a list given in the pom as child elements is replaced by the comma-separated -D value
        copy.addChild(shallowCopy(parameter, override.get(), originals));
      } else if (!leftOut.contains(parameter) && !overrides.clears(parameter.getName())) {
        copy.addChild(deepCopy(parameter, leftOut, originals));
      }
    }
    return copy;
  }

  private static PlexusConfiguration deepCopy(
      PlexusConfiguration node,
      Set<PlexusConfiguration> leftOut,
      Map<PlexusConfiguration, PlexusConfiguration> originals) {
    PlexusConfiguration copy = shallowCopy(node, node.getValue(null), originals);
    for (PlexusConfiguration child : node.getChildren()) {
      if (!leftOut.contains(child)) {
        copy.addChild(deepCopy(child, leftOut, originals));
      }
    }
    return copy;
  }

  private static PlexusConfiguration shallowCopy(
      PlexusConfiguration node,
      String value,
      Map<PlexusConfiguration, PlexusConfiguration> originals) {
    PlexusConfiguration copy = new DefaultPlexusConfiguration(node.getName(), value);
    for (String attribute : node.getAttributeNames()) {
      copy.setAttribute(attribute, node.getAttribute(attribute, null));
    }
    originals.put(copy, node);
    return copy;
  }
}
