package dev.swarmstack.swarm.maven;

import dev.swarmstack.swarm.problem.Command;
import dev.swarmstack.swarm.problem.Setting;
import dev.swarmstack.swarm.problem.UserTerms;
import java.util.Locale;

/** Core messages in the pom's terms: a setting is its {@code swarm.*} property or its element, a command a goal. */
final class PomTerms implements UserTerms {

  static final PomTerms INSTANCE = new PomTerms();

  private PomTerms() {}

  /** @param element the goal parameter's element in the plugin's {@code <configuration>} */
  private record Parameter(String property, String element) {}

  @Override
  public String name(Setting setting) {
    return switch (setting) {
      case REGISTRY_CREDENTIALS -> "a settings.xml <server> whose <id> is the registry's host";
      case SSH_PASSPHRASE ->
        parameterName(setting)
            + ", or a settings.xml <server> whose <id> is the ssh host, with its <passphrase>";
      default -> parameterName(setting);
    };
  }

  private static String parameterName(Setting setting) {
    Parameter parameter = parameter(setting);
    return parameter.property() + " or <" + parameter.element() + ">";
  }

  @Override
  public String set(Setting setting, String value) {
    Parameter parameter = parameter(setting);
    return parameter.property() + "=" + value + " or <" + parameter.element() + ">" + value + "</"
        + parameter.element() + ">";
  }

  @Override
  public String run(Command command) {
    return "swarm:" + command.name().toLowerCase(Locale.ROOT);
  }

  private static Parameter parameter(Setting setting) {
    return switch (setting) {
      case ROTATE -> new Parameter(PropertyNames.ROTATE, "rotate");
      case DETACH -> new Parameter(PropertyNames.DETACH, "detach");
      case ROLLBACK -> new Parameter(PropertyNames.ROLLBACK, "rollback");
      case TIMEOUT -> new Parameter(PropertyNames.TIMEOUT, "timeout");
      case LOCK -> new Parameter(PropertyNames.LOCK, "lock");
      case LOCK_TIMEOUT -> new Parameter(PropertyNames.LOCK_TIMEOUT, "lockTimeout");
      case PRUNE_ALL_SERVICES ->
        new Parameter(PropertyNames.PRUNE_ALL_SERVICES, "pruneAllServices");
      case NETWORKS_RECREATE -> new Parameter(PropertyNames.NETWORKS_RECREATE, "recreate");
      case DOCKER_HOST -> new Parameter(PropertyNames.DOCKER_HOST, "dockerHost");
      case DOCKER_HOSTS -> new Parameter(PropertyNames.DOCKER_HOSTS, "dockerHosts");
      case SSH_PASSPHRASE -> new Parameter(PropertyNames.SSH_PASSPHRASE, "sshPassphrase");
      case COMPOSE_FILES -> new Parameter(PropertyNames.COMPOSE_FILES, "composeFiles");
      case REGISTRY_CREDENTIALS ->
        throw new IllegalArgumentException("registry credentials are no goal parameter");
    };
  }
}
