package dev.swarmstack.swarm.convert;

import dev.swarmstack.swarm.testing.Cli;

/**
 * The external network, secret and config the conformance cases name ({@code ext-net-<suffix>}, ...): made
 * by the test before both deployments, shared by them, removed after.
 */
final class ExternalObjects {

  private final DockerCommands docker;
  private final String suffix;

  ExternalObjects(DockerCommands docker, String suffix) {
    this.docker = docker;
    this.suffix = suffix;
  }

  void create() {
    docker.run("docker", "network", "create", "--driver", "overlay", "ext-net-" + suffix);
    docker.runWithInput(
        "external secret\n", "docker", "secret", "create", "ext-secret-" + suffix, "-");
    docker.runWithInput(
        "external config\n", "docker", "config", "create", "ext-config-" + suffix, "-");
  }

  /** Removes whichever of them exist; the network may still be in use for a moment after its services go. */
  void remove() {
    docker.tryRun(null, "docker", "secret", "rm", "ext-secret-" + suffix);
    docker.tryRun(null, "docker", "config", "rm", "ext-config-" + suffix);
    for (int attempt = 0; attempt < 30; attempt++) {
      Cli.Result result = docker.tryRun(null, "docker", "network", "rm", "ext-net-" + suffix);
      if (result.exitCode() == 0 || result.stderr().contains("not found")) {
        return;
      }
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
