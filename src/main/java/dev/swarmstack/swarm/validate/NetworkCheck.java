package dev.swarmstack.swarm.validate;

import dev.swarmstack.swarm.model.Network;
import dev.swarmstack.swarm.model.Service;
import java.util.List;
import java.util.Map;

/**
 * Networks a swarm service cannot use: {@code bridge} (single host), {@code none} (not offered to services), and
 * the predefined {@code host} network mixed with others, left undeclared, or declared as if the stack created it.
 */
final class NetworkCheck implements Check {

  /** The networks every node has: a service may name them, but a compose file must still declare them external. */
  private static final String BRIDGE = "bridge";

  private static final String HOST = "host";
  private static final String NONE = "none";

  @Override
  public void run(Findings findings) {
    Map<String, Network> networks = findings.compose().networksOrEmpty();
    for (Map.Entry<String, Network> entry : networks.entrySet()) {
      checkDeclaration(findings, entry.getKey(), entry.getValue());
    }
    for (Map.Entry<String, Service> entry : findings.compose().servicesOrEmpty().entrySet()) {
      if (entry.getValue().networks() != null) {
        checkAttachments(
            findings, entry.getKey(), List.copyOf(entry.getValue().networks().keySet()), networks);
      }
      if (entry.getValue().networkMode() != null) {
        explainNetworkMode(findings, entry.getKey(), entry.getValue().networkMode());
      }
    }
  }

  /** The CLI drops network_mode with a bare warning; the service then quietly lands on an overlay network. */
  private static void explainNetworkMode(Findings findings, String service, String mode) {
    String instead =
        switch (mode) {
          case HOST ->
            "for the node's network write networks: [host] and declare networks: {host: {external: true}}"
                + " (in the pom: <networks><network>host</network></networks>)";
          case NONE ->
            "swarm services can't be on none; to isolate it, attach it alone to a network of its own with"
                + " internal: true";
          default -> "list the networks it joins under networks";
        };
    findings.warning(
        "service " + service + ": network_mode " + mode
            + " is ignored in a swarm, so the service joins"
            + " the stack's networks (default when it lists none) instead; " + instead,
        "services",
        service,
        "network_mode");
  }

  private static void checkDeclaration(Findings findings, String key, Network network) {
    if (network == null) {
      return;
    }
    boolean external = Boolean.TRUE.equals(network.external());
    String name =
        ObjectNames.effective(findings.stackName(), key, network.name(), network.external());
    if (BRIDGE.equals(network.driver()) || external && name.equals(BRIDGE)) {
      findings.error(bridgeMessage("network " + key), "networks", key);
    } else if ((name.equals(HOST) || name.equals(NONE)) && !external) {
      findings.error(
          "network " + key + " is named " + name
              + ", a network every node already has: declare it with"
              + " external: true (and name: " + name + ") to attach services to it",
          "networks",
          key);
    }
  }

  private static String bridgeMessage(String subject) {
    return subject
        + " is a bridge network: a bridge connects containers on a single host only, and swarm services"
        + " need an overlay network, which spans the nodes of the swarm; use <driver>overlay</driver> in the pom or"
        + " driver: overlay in a compose file";
  }

  /** An undeclared network other than the predefined ones is left to {@link ReferenceCheck}. */
  private static void checkAttachments(
      Findings findings, String service, List<String> attached, Map<String, Network> networks) {
    for (String key : attached) {
      Network network = networks.get(key);
      if (network == null && !Network.PREDEFINED.contains(key)) {
        continue;
      }
      String name = network == null
          ? key
          : ObjectNames.effective(findings.stackName(), key, network.name(), network.external());
      Object[] at = {"services", service, "networks", key};
      if (name.equals(NONE)) {
        // swarmkit offers services only the host and bridge networks of the nodes (moby's
        // cnmallocator)
        findings.error(
            "service " + service + " is on the none network, which swarm services cannot use: the"
                + " engine refuses the service (\"could not find the corresponding predefined swarm network\"). To keep"
                + " a service off every other network, attach it alone to a network of its own with internal: true"
                + " (<internal>true</internal> in the pom): its tasks then have loopback and that network only, with no"
                + " route out",
            at);
      } else if (name.equals(BRIDGE)) {
        if (network == null) { // a declared bridge is reported at its declaration
          findings.error(bridgeMessage("service " + service + "'s network " + key), at);
        }
      } else if (name.equals(HOST)) {
        if (network == null) {
          findings.error(
              "service " + service + " uses the host network, which a compose file must declare, as"
                  + " docker stack deploy requires: add networks: {host: {external: true}} at the top level (the pom"
                  + " declares it by itself)",
              at);
        }
        if (attached.size() > 1) {
          findings.error(
              "service " + service + " is on the host network and on other networks too: the engine"
                  + " creates the service but rejects every task (a container on host can join no other network);"
                  + " attach it to host alone",
              at);
        }
      }
    }
  }
}
