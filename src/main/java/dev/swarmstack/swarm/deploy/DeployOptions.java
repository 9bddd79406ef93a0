package dev.swarmstack.swarm.deploy;

import dev.swarmstack.swarm.engine.RegistryAuth;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * How to deploy.
 *
 * @param prune remove the stack's services, networks, secrets and configs that are no longer declared
 * @param credentials registry host ({@code docker.io} for Docker Hub, else the host[:port] of the image name) to
 *     its credentials; sent with service creates and updates and used for digest lookups, never logged
 * @param timeout how long pruning waits for removed services' tasks to stop before removing their networks
 * @param pruneAllServices confirms a prune that removes every service of the live stack, which is refused otherwise
 */
public record DeployOptions(
    boolean prune,
    ResolveImage resolveImage,
    Function<String, Optional<RegistryAuth>> credentials,
    Duration timeout,
    boolean pruneAllServices) {

  /** Options that refuse to prune every service of a live stack. */
  public DeployOptions(
      boolean prune,
      ResolveImage resolveImage,
      Function<String, Optional<RegistryAuth>> credentials,
      Duration timeout) {
    this(prune, resolveImage, credentials, timeout, false);
  }

  public static DeployOptions defaults() {
    return new DeployOptions(
        false, ResolveImage.ALWAYS, host -> Optional.empty(), Duration.ofMinutes(5));
  }
}
