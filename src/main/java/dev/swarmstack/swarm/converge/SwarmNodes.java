package dev.swarmstack.swarm.converge;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The swarm's nodes as far as convergence cares: which are up, and what they are called in messages. */
public record SwarmNodes(Map<String, String> hostnames, Set<String> live) {

  /** From {@code GET /nodes}. */
  public static SwarmNodes of(List<? extends JsonNode> nodes) {
    Map<String, String> hostnames = new HashMap<>();
    Set<String> live = new HashSet<>();
    for (JsonNode node : nodes) {
      String id = node.path("ID").asText();
      hostnames.put(id, node.path("Description").path("Hostname").asText(id));
      if (!node.path("Status").path("State").asText().equals("down")) {
        live.add(id);
      }
    }
    return new SwarmNodes(Map.copyOf(hostnames), Set.copyOf(live));
  }

  /** The hostnames of the nodes that are down, sorted. */
  public List<String> down() {
    return hostnames.entrySet().stream().filter(node -> !live.contains(node.getKey())).map(Map.Entry::getValue)
        .sorted().toList();
  }

  /** The hostname, or the id when the node is unknown (or the task has none yet). */
  public String name(String nodeId) {
    return nodeId.isEmpty() ? "no node" : hostnames.getOrDefault(nodeId, nodeId);
  }
}
