package dev.swarmstack.swarm.engine;

import dev.swarmstack.swarm.problem.UserTerms;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the user asked to reach the engine. Unset parts fall back to the docker CLI's own rules
 * ({@code DOCKER_HOST}, the current docker context, the default socket): see {@link EngineAddressResolver}.
 *
 * @param host an explicit engine address ({@code unix:///...}, {@code tcp://host:2376}), or null
 * @param hostSource where {@code host} was configured, for messages ({@code "<dockerHost>"}, {@code "swarm.docker.host"})
 * @param certPath a folder with {@code ca.pem}, {@code cert.pem}, {@code key.pem}: use TLS with them; or null
 * @param timeout how long one engine call may take
 * @param managers several swarm managers' addresses, tried in order (see {@link ManagerChooser}); empty: use
 *     {@code host} or the CLI's rules. Can't be combined with {@code host}.
 * @param ssh how to reach {@code ssh://} engines
 * @param terms how hints in connection errors name the settings to change
 */
public record EngineConnection(
    String host,
    String hostSource,
    Path certPath,
    Duration timeout,
    List<String> managers,
    SshOptions ssh,
    UserTerms terms) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  public EngineConnection {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the engine timeout must be positive, got " + timeout);
    }
    managers = List.copyOf(managers);
    Objects.requireNonNull(ssh, "ssh");
    Objects.requireNonNull(terms, "terms");
  }

  /** Several managers, or none: {@code ssh://} engines as this process's ssh client would reach them. */
  public EngineConnection(
      String host, String hostSource, Path certPath, Duration timeout, List<String> managers) {
    this(
        host,
        hostSource,
        certPath,
        timeout,
        managers,
        SshOptions.forThisProcess(),
        UserTerms.NEUTRAL);
  }

  /** One engine: the explicit {@code host}, or as the CLI chooses when it is null. */
  public EngineConnection(String host, String hostSource, Path certPath, Duration timeout) {
    this(host, hostSource, certPath, timeout, List.of());
  }

  /** The docker CLI's defaults and a 30 s timeout per call. */
  public static EngineConnection defaults() {
    return new EngineConnection(null, null, null, DEFAULT_TIMEOUT);
  }

  /** Whether several managers were given to choose from. */
  public boolean choosesAManager() {
    return !managers.isEmpty();
  }
}
