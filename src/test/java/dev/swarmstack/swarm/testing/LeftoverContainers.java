package dev.swarmstack.swarm.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Containers a test's services leave behind: the swarm keeps the exited containers of completed job tasks after
 * their service is removed. Tests name every stack and service with a unique prefix, and remove those by it.
 */
public final class LeftoverContainers {

  private LeftoverContainers() {}

  /** Removes the containers on {@code docker}'s engine whose names start with {@code prefix}. */
  public static void remove(Cli docker, String prefix) {
    List<String> command = new ArrayList<>(List.of("rm", "-f"));
    docker
        .run("ps", "-aq", "--filter", "name=^" + prefix)
        .stdout()
        .lines()
        .filter(id -> !id.isBlank())
        .forEach(command::add);
    if (command.size() > 2) {
      docker.run(command.toArray(String[]::new));
    }
  }
}
