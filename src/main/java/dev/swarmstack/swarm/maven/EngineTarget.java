package dev.swarmstack.swarm.maven;

import dev.swarmstack.swarm.docker.DockerSwarmEngine;
import dev.swarmstack.swarm.engine.EngineConnection;
import dev.swarmstack.swarm.engine.FailoverSwarmEngine;
import dev.swarmstack.swarm.engine.ManagerChoice;
import dev.swarmstack.swarm.engine.SshOptions;
import dev.swarmstack.swarm.engine.SwarmEngine;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/**
 * The engine a goal talks to, as its parameters {@code dockerHost}, {@code dockerHosts}, {@code certPath},
 * {@code engineTimeout} and the ssh client settings give it: the goals with a stack definition and those without declare them apart.
 *
 * @param sourceOf where a parameter's value came from, for messages ({@code -Dswarm.docker.host}, {@code <dockerHost>})
 */
record EngineTarget(
    String dockerHost,
    List<String> dockerHosts,
    File certPath,
    String engineTimeout,
    SshOptions ssh,
    UnaryOperator<String> sourceOf,
    Log log) {

  /** The ssh client settings for {@code ssh://} engines: {@code ~/.ssh} unless {@code directory} is given. */
  static SshOptions ssh(File directory, Function<String, Optional<String>> passphrase) {
    SshOptions defaults =
        SshOptions.of(System.getenv(), Path.of(System.getProperty("user.home")), passphrase);
    return directory == null
        ? defaults
        : new SshOptions(directory.toPath(), passphrase, defaults.agentSocket());
  }

  /** With several managers, one that moves on to the next when its manager is lost midway. */
  SwarmEngine connect() throws MojoFailureException {
    EngineConnection connection = connection();
    SwarmEngine first = DockerSwarmEngine.connect(connection, this::logChoice);
    return connection.choosesAManager()
        ? new FailoverSwarmEngine(
            first, () -> DockerSwarmEngine.connect(connection, this::logChoice), log::warn)
        : first;
  }

  private EngineConnection connection() throws MojoFailureException {
    Duration timeout = AbstractEngineMojo.duration(engineTimeout, PropertyNames.DOCKER_TIMEOUT);
    List<String> managers = dockerHosts == null
        ? List.of()
        : dockerHosts.stream()
            .filter(host -> host != null && !host.isBlank())
            .map(String::trim)
            .toList();
    if (managers.isEmpty()) {
      return new EngineConnection(
          dockerHost,
          dockerHost == null ? null : sourceOf.apply("dockerHost"),
          certPath == null ? null : certPath.toPath(),
          timeout,
          List.of(),
          ssh,
          PomTerms.INSTANCE);
    }
    if (dockerHost != null && !dockerHost.isBlank()) {
      throw new MojoFailureException("<dockerHost> (" + PropertyNames.DOCKER_HOST
          + ") and <dockerHosts> (" + PropertyNames.DOCKER_HOSTS
          + ") are both set: use <dockerHosts> alone, listing every manager");
    }
    return new EngineConnection(
        null,
        sourceOf.apply("dockerHosts"),
        certPath == null ? null : certPath.toPath(),
        timeout,
        managers,
        ssh,
        PomTerms.INSTANCE);
  }

  private void logChoice(ManagerChoice choice) {
    choice.skipped().forEach(skipped -> log.warn("Skipped swarm manager " + skipped));
    log.info("Using swarm manager " + choice.manager().uri());
  }
}
