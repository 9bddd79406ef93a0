package dev.swarmstack.swarm.validate;

import dev.swarmstack.swarm.model.Network;
import dev.swarmstack.swarm.problem.Command;
import java.util.Map;
import java.util.Set;

/**
 * Stack networks with the macvlan or ipvlan driver. {@code docker stack deploy} creates them local to one node (seen
 * on engine 20.10: scope "local") and the engine then refuses every service on them ("Only networks scoped to the
 * swarm can be used"). In a swarm they need a config-only network per node, which only a shared network gets.
 */
final class ConfigFromDriverCheck implements Check {

  private static final Set<String> DRIVERS = Set.of("macvlan", "ipvlan");

  @Override
  public void run(Findings findings) {
    for (Map.Entry<String, Network> entry : findings.compose().networksOrEmpty().entrySet()) {
      Network network = entry.getValue();
      if (network != null
          && network.driver() != null
          && !Boolean.TRUE.equals(network.external())
          && DRIVERS.contains(network.driver())) {
        findings.error(
            "network " + entry.getKey() + " uses the " + network.driver()
                + " driver: a stack would create"
                + " it on one node only, and the engine refuses services on such a network. Declare it under"
                + " <sharedNetworks> instead and create it with "
                + findings.terms().run(Command.NETWORKS)
                + " (a config-only network with the parent"
                + " interface and subnet, plus a swarm-scoped network made from it); services that name it then use it as"
                + " an external network",
            "networks",
            entry.getKey());
      }
    }
  }
}
