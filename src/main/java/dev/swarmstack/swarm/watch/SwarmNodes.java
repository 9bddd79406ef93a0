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
 * @param listed each node as {@code GET /nodes} gave it, for matching placements
 */
public record SwarmNodes(
    Map<String, String> hostnames,
    Set<String> live,
    Map<String, String> states,
    Map<String, JsonNode> listed) {

  private static final String READY = "ready";

  /** Nodes whose state is only known as live or not; the others are taken as down. */
  public SwarmNodes(Map<String, String> hostnames, Set<String> live) {
    this(hostnames, live, Map.of());
  }

  public SwarmNodes(Map<String, String> hostnames, Set<String> live, Map<String, String> states) {
    this(hostnames, live, states, Map.of());
  }

  /** From {@code GET /nodes}. */
  public static SwarmNodes of(List<? extends JsonNode> nodes) {
    Map<String, String> hostnames = new HashMap<>();
    Map<String, String> states = new HashMap<>();
    Map<String, JsonNode> listed = new HashMap<>();
    Set<String> live = new HashSet<>();
    for (JsonNode node : nodes) {
      String id = node.path("ID").asText();
      listed.put(id, node);
      hostnames.put(id, node.path("Description").path("Hostname").asText(id));
      String state = node.path("Status").path("State").asText();
      states.put(id, state);
      if (state.equals(READY)) {
        live.add(id);
      }
    }
    return new SwarmNodes(
        Map.copyOf(hostnames), Set.copyOf(live), Map.copyOf(states), Map.copyOf(listed));
  }

  /**
   * The nodes that are not live but that the swarm would run a task of a service with this placement on once they
   * are back: active (not drained or paused by their operator), and admitted by the constraints and platforms.
   */
  List<String> notLiveAdmitting(JsonNode placement) {
    return listed.values().stream()
        .filter(node -> !live.contains(node.path("ID").asText()))
        .filter(node -> node.path("Spec").path("Availability").asText("active").equals("active"))
        .filter(node -> Placement.admits(placement, node))
        .map(node -> node.path("ID").asText())
        .toList();
  }

  /** The nodes that are not live, sorted, each with its state: {@code m1 (down)}, {@code m2 (unknown)}. */
  public List<String> notLive() {
    return describe(hostnames.keySet().stream().filter(id -> !live.contains(id)).toList());
  }

  /** The given nodes as {@link #notLive()} names them, sorted. */
  List<String> describe(Collection<String> nodeIds) {
    return nodeIds.stream()
        .map(id -> name(id) + " (" + states.getOrDefault(id, "down") + ")")
        .sorted()
        .toList();
  }

  /** The hostname, or the id when the node is unknown (or the task has none yet). */
  public String name(String nodeId) {
    return nodeId.isEmpty() ? "no node" : hostnames.getOrDefault(nodeId, nodeId);
  }
}
