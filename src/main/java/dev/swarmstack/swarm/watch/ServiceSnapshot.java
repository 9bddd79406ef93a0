package dev.swarmstack.swarm.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * One service as read at one moment: what the rules judge.
 *
 * @param service the service as the engine lists it ({@code Spec}, {@code UpdateStatus}, {@code JobStatus})
 * @param tasks the service's up-to-date tasks (of its current spec version), in any state
 * @param nodes the swarm's nodes
 * @param since when the deploy started writing: failed tasks from before belong to an earlier deploy
 * @param assigned the service's tasks of any spec version that the orchestrator wants running: for a global
 *     service, which nodes it means to cover (during a rolling update most of them still run an older task)
 */
public record ServiceSnapshot(
    ObjectNode service,
    List<ObjectNode> tasks,
    SwarmNodes nodes,
    Instant since,
    List<ObjectNode> assigned) {

  /** A snapshot where every task the orchestrator wants running is up to date. */
  public ServiceSnapshot(
      ObjectNode service, List<ObjectNode> tasks, SwarmNodes nodes, Instant since) {
    this(service, tasks, nodes, since, List.of());
  }

  /**
   * For a global service, the nodes it covered, was meant to cover, or would cover by its placement, that are not
   * live now: it converges without them, as the CLI's progress leaves them out, and messages name them. A node that
   * is down holds no task the swarm wants running any more, so its placement alone names it. Empty for other modes,
   * whose tasks the swarm moves to live nodes.
   */
  public List<String> leftOut() {
    if (!service.path("Spec").path("Mode").has("Global")) {
      return List.of();
    }
    Stream<String> fromTasks = Stream.concat(
            tasks.stream().filter(task -> !Tasks.TERMINAL.contains(Tasks.desiredState(task))),
            assigned.stream())
        .map(Tasks::nodeId)
        .filter(node -> !node.isEmpty() && !nodes.live().contains(node));
    Stream<String> fromPlacement =
        nodes
            .notLiveAdmitting(service.path("Spec").path("TaskTemplate").path("Placement"))
            .stream();
    return nodes.describe(Stream.concat(fromTasks, fromPlacement).distinct().toList());
  }
}
