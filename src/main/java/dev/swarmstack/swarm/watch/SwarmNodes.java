package dev.swarmstack.swarm.watch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The swarm's nodes as far as convergence cares: which are up, and what they are called in messages.
 *
 * @param live the nodes in state {@code ready}: the only ones the scheduler gives new tasks ("node not available for
 *     new tasks" otherwise). A node that was lost is {@code unknown} after a leader change, then {@code down}; either
 *     way its tasks can't be counted on.
 * @param states each node's state, for naming why a node doesn't count
 */
public record SwarmNodes(Map<String, String> hostnames, Set<String> live, Map<String, String> states) {

  private static final String READY = "ready";

  /** Nodes whose state is only known as live or not; the others are taken as down. */
  public SwarmNodes(Map<String, String> hostnames, Set<String> live) {
    this(hostnames, live, Map.of());
  }

  /** From {@code GET /nodes}. */
  public static SwarmNodes of(List<? extends JsonNode> nodes) {
    Map<String, String> hostnames = new HashMap<>();
    Map<String, String> states = new HashMap<>();
    Set<String> live = new HashSet<>();
    for (JsonNode node : nodes) {
      String id = node.path("ID").asText();
      hostnames.put(id, node.path("Description").path("Hostname").asText(id));
      String state = node.path("Status").path("State").asText();
      states.put(id, state);
      if (state.equals(READY)) {
        live.add(id);
      }
    }
    return new SwarmNodes(Map.copyOf(hostnames), Set.copyOf(live), Map.copyOf(states));
  }

  /** The nodes that are not live, sorted, each with its state: {@code m1 (down)}, {@code m2 (unknown)}. */
  public List<String> notLive() {
    return describe(hostnames.keySet().stream().filter(id -> !live.contains(id)).toList());
  }

  /** The given nodes as {@link #notLive()} names them, sorted. */
  List<String> describe(Collection<String> nodeIds) {
    return nodeIds.stream().map(id -> name(id) + " (" + states.getOrDefault(id, "down") + ")").sorted().toList();
  }

  /** The hostname, or the id when the node is unknown (or the task has none yet). */
  public String name(String nodeId) {
    return nodeId.isEmpty() ? "no node" : hostnames.getOrDefault(nodeId, nodeId);
  }
}
