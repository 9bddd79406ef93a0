package dev.swarmstack.swarm.validate;

import dev.swarmstack.swarm.model.Network;
import dev.swarmstack.swarm.model.Service;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Networks a swarm service cannot use: {@code bridge} (single host), and the predefined {@code host} and
 * {@code none} networks mixed with others or declared as if the stack created them.
 */
final class NetworkCheck implements Check {

  private static final String BRIDGE = "bridge";
  private static final Set<String> HOST_OR_NONE = Set.of("host", "none");

  @Override
  public void run(Findings findings) {
    Map<String, Network> networks = findings.compose().networksOrEmpty();
    for (Map.Entry<String, Network> entry : networks.entrySet()) {
      checkDeclaration(findings, entry.getKey(), entry.getValue());
    }
    for (Map.Entry<String, Service> entry : findings.compose().servicesOrEmpty().entrySet()) {
      if (entry.getValue().networks() != null) {
        checkAttachments(findings, entry.getKey(), List.copyOf(entry.getValue().networks().keySet()), networks);
      }
    }
  }

  private static void checkDeclaration(Findings findings, String key, Network network) {
    if (network == null) {
      return;
    }
    boolean external = Boolean.TRUE.equals(network.external());
    String name = ObjectNames.effective(findings.stackName(), key, network.name(), network.external());
    if (BRIDGE.equals(network.driver()) || external && name.equals(BRIDGE)) {
      findings.error("network " + key + " is a bridge network: a bridge connects containers on a single host only, and"
          + " swarm services need an overlay network, which spans the nodes of the swarm; use <driver>overlay</driver>"
          + " in the pom or driver: overlay in a compose file", "networks", key);
    } else if (HOST_OR_NONE.contains(name) && !external) {
      findings.error("network " + key + " is named " + name + ", a network every node already has: declare it with"
          + " external: true (and name: " + name + ") to attach services to it", "networks", key);
    }
  }

  private static void checkAttachments(Findings findings, String service, List<String> attached, Map<String, Network> networks) {
    if (attached.size() < 2) {
      return;
    }
    for (String key : attached) {
      Network network = networks.get(key);
      String name = network == null ? key : ObjectNames.effective(findings.stackName(), key, network.name(), network.external());
      if (HOST_OR_NONE.contains(name)) {
        findings.error("service " + service + " is on the " + name + " network and on other networks too: the engine"
            + " creates the service but rejects every task (a container on " + name + " can join no other network);"
            + " attach it to " + name + " alone", "services", service, "networks", key);
      }
    }
  }
}
