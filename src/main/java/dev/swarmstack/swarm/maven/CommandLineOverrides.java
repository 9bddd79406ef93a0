package dev.swarmstack.swarm.maven;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.codehaus.plexus.configuration.PlexusConfiguration;

/**
 * The settings that pick where and what to deploy: their -D properties win over the pom, so that one pom deploys to
 * staging and production from CI (as Jib's {@code -Djib.to.image}). Every other property only fills in what the pom
 * leaves unset, as Maven does.
 */
final class CommandLineOverrides {

  /** Parameter name to the property that overrides it. */
  static final Map<String, String> OVERRIDING = Map.of(
      "stackName", PropertyNames.STACK,
      "composeFiles", PropertyNames.COMPOSE_FILES,
      "dockerHost", PropertyNames.DOCKER_HOST,
      "dockerHosts", PropertyNames.DOCKER_HOSTS,
      "certPath", PropertyNames.DOCKER_CERT_PATH,
      "timeout", PropertyNames.TIMEOUT,
      "detach", PropertyNames.DETACH,
      "prune", PropertyNames.PRUNE);

  /** A parameter Maven fills from its property alone: the pom did not set it. */
  private static final Pattern PROPERTY_ONLY = Pattern.compile("\\$\\{([^}]+)}");

  private final Properties userProperties;

  /** @param userProperties the session's -D properties */
  CommandLineOverrides(Properties userProperties) {
    this.userProperties = userProperties;
  }

  /** The -D value that replaces the configuration of {@code parameter}, when the user gave one. */
  Optional<String> valueFor(String parameter) {
    return Optional.ofNullable(OVERRIDING.get(parameter)).map(userProperties::getProperty);
  }

  /**
   * Whether the pom's value of {@code parameter} is dropped: one engine given with -D replaces the managers the pom
   * lists, and managers given with -D replace the pom's one engine; the two can't be combined.
   */
  boolean clears(String parameter) {
    return switch (parameter) {
      case "dockerHost" ->
        valueFor("dockerHosts").isPresent() && valueFor("dockerHost").isEmpty();
      case "dockerHosts" ->
        valueFor("dockerHost").isPresent() && valueFor("dockerHosts").isEmpty();
      default -> false;
    };
  }

  /**
   * Where each parameter's value comes from, for messages: {@code -Dswarm.docker.host}, the property
   * {@code swarm.docker.host} (a project or system property), or the pom's {@code <dockerHost>}.
   *
   * @param configuration the goal's configuration as Maven hands it over, before the overrides
   */
  Map<String, String> sources(PlexusConfiguration configuration) {
    Map<String, String> sources = new LinkedHashMap<>();
    for (PlexusConfiguration parameter : configuration.getChildren()) {
      String name = parameter.getName();
      Matcher property = PROPERTY_ONLY.matcher(
          parameter.getValue() == null ? "" : parameter.getValue().trim());
      if (valueFor(name).isPresent()) {
        sources.put(name, "-D" + OVERRIDING.get(name));
      } else if (parameter.getChildCount() == 0 && property.matches()) {
        sources.put(name, "property " + property.group(1));
      } else {
        sources.put(name, "<" + name + ">");
      }
    }
    return sources;
  }
}
