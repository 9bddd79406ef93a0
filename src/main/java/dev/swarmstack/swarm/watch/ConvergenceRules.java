package dev.swarmstack.swarm.watch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When a service has converged or failed, per mode, from one {@link ServiceSnapshot}; no I/O, no clock. The
 * stability window (a running service must stay so for its monitor period) is kept by {@link ServiceTracker}.
 *
 * <ul>
 *   <li>replicated: the desired number of up-to-date tasks run (zero replicas: done at once);</li>
 *   <li>global: every node the orchestrator gave a task runs an up-to-date one. The orchestrator alone knows
 *       which nodes are eligible (constraints, availability, platform): the nodes it means to cover are those that
 *       hold a task it wants running, of any spec version, since during a rolling update most still run an older
 *       one. Nodes that are not live (down, or lost and not yet known as down) don't count, and the progress names
 *       them as left out;</li>
 *   <li>jobs: every completion of the current iteration is done;</li>
 *   <li>failed: a slot's task of this deploy was rejected or failed twice (once, if the swarm won't restart it),
 *       or the swarm paused or rolled back the update;</li>
 *   <li>blocked: a task is pending because the scheduler found no node for it ("no suitable node (...)"); the
 *       tracker fails the service when that lasts {@link #UNSCHEDULABLE_GRACE}.</li>
 * </ul>
 */
public final class ConvergenceRules {

  /** The engine's default {@code UpdateConfig.Monitor}, which the CLI also waits for. */
  static final Duration DEFAULT_MONITOR = Duration.ofSeconds(5);

  /**
   * How long a task may find no node before the deploy fails. The scheduler retries whenever a node or task
   * changes, so a placement that only waits for an old task to go (max replicas per node, resources) resolves
   * within seconds; one that no node satisfies never does, and waiting for the whole timeout tells nothing new.
   */
  public static final Duration UNSCHEDULABLE_GRACE = Duration.ofSeconds(5);

  private static final Set<String> ROLLBACK_STATES =
      Set.of("rollback_started", "rollback_paused", "rollback_completed");

  private ConvergenceRules() {}

  public static Verdict judge(ServiceSnapshot snapshot) {
    JsonNode update = snapshot.service().path("UpdateStatus");
    String updateState = update.path("State").asText("");
    String message = update.path("Message").asText("");
    if (ROLLBACK_STATES.contains(updateState)) {
      return Verdict.failed(
          "the swarm rolled the update back" + suffix(message), failedTasks(snapshot));
    }
    if (updateState.equals("paused")) {
      return Verdict.failed("the swarm paused the update" + suffix(message), failedTasks(snapshot));
    }
    List<ObjectNode> failed = failedTasks(snapshot);
    if (failed.isEmpty()) {
      return byMode(snapshot);
    }
    ObjectNode latest = failed.get(0);
    String failure = "task " + Tasks.state(latest) + " on "
        + snapshot.nodes().name(Tasks.nodeId(latest)) + suffix(Tasks.error(latest));
    if (swarmGaveUp(snapshot, failed)) {
      return Verdict.failed(failure, failed);
    }
    Verdict meanwhile = byMode(snapshot);
    return meanwhile.kind() == Verdict.Kind.PROGRESSING
        ? Verdict.progressing(
            meanwhile.progress() + " (the swarm starts it again after " + failure + ")")
        : meanwhile;
  }

  private static Verdict byMode(ServiceSnapshot snapshot) {
    // a task pending for a node that is not live waits for that node, which the service converges
    // without
    List<ObjectNode> unschedulable = snapshot.tasks().stream()
        .filter(Tasks::isUnschedulable)
        .filter(task ->
            Tasks.nodeId(task).isEmpty() || snapshot.nodes().live().contains(Tasks.nodeId(task)))
        .toList();
    if (!unschedulable.isEmpty()) {
      return new Verdict(
          Verdict.Kind.BLOCKED, pending(unschedulable.get(0), snapshot), unschedulable);
    }
    JsonNode mode = snapshot.service().path("Spec").path("Mode");
    if (mode.has("Global")) {
      return global(snapshot);
    }
    if (mode.has("ReplicatedJob")) {
      JsonNode job = mode.path("ReplicatedJob");
      return job(
          snapshot,
          job.path("TotalCompletions").asLong(job.path("MaxConcurrent").asLong(1)));
    }
    if (mode.has("GlobalJob")) {
      return job(snapshot, nodesWithTasks(snapshot.tasks(), snapshot).size());
    }
    return replicated(snapshot, mode.path("Replicated").path("Replicas").asLong(1));
  }

  /** {@code UpdateConfig.Monitor}, or the engine's default of 5 s when unset. */
  public static Duration monitor(ObjectNode service) {
    long nanos = service.path("Spec").path("UpdateConfig").path("Monitor").asLong(0);
    return nanos > 0 ? Duration.ofNanos(nanos) : DEFAULT_MONITOR;
  }

  private static Verdict replicated(ServiceSnapshot snapshot, long replicas) {
    if (replicas == 0) {
      return new Verdict(Verdict.Kind.DONE, "0 replicas", List.of());
    }
    long running = runningOnLiveNodes(snapshot).size();
    String progress = running + "/" + replicas + " running";
    return running >= replicas
        ? new Verdict(Verdict.Kind.RUNNING, progress, List.of())
        : Verdict.progressing(progress);
  }

  private static Verdict global(ServiceSnapshot snapshot) {
    Set<String> covered = new HashSet<>(nodesWithTasks(
        snapshot.tasks().stream()
            .filter(task -> !Tasks.TERMINAL.contains(Tasks.desiredState(task)))
            .toList(),
        snapshot));
    covered.addAll(nodesWithTasks(snapshot.assigned(), snapshot));
    if (covered.isEmpty()) {
      return Verdict.progressing("waiting for tasks");
    }
    long running = runningOnLiveNodes(snapshot).stream()
        .map(Tasks::nodeId)
        .filter(covered::contains)
        .distinct()
        .count();
    String progress = running + "/" + covered.size() + " nodes running" + leftOut(snapshot);
    return running >= covered.size()
        ? new Verdict(Verdict.Kind.RUNNING, progress, List.of())
        : Verdict.progressing(progress);
  }

  private static Verdict job(ServiceSnapshot snapshot, long completions) {
    long iteration =
        snapshot.service().path("JobStatus").path("JobIteration").path("Index").asLong(-1);
    long done = snapshot.tasks().stream()
        .filter(task ->
            iteration < 0 || task.path("JobIteration").path("Index").asLong(-1) == iteration)
        .filter(task -> Tasks.state(task).equals("complete"))
        .count();
    String progress = done + "/" + completions + " completed";
    return completions > 0 && done >= completions
        ? new Verdict(Verdict.Kind.DONE, progress, List.of())
        : Verdict.progressing(progress);
  }

  private static List<ObjectNode> runningOnLiveNodes(ServiceSnapshot snapshot) {
    return snapshot.tasks().stream()
        .filter(Tasks::isRunning)
        .filter(task -> snapshot.nodes().live().contains(Tasks.nodeId(task)))
        .toList();
  }

  private static Set<String> nodesWithTasks(List<ObjectNode> tasks, ServiceSnapshot snapshot) {
    return tasks.stream()
        .map(Tasks::nodeId)
        .filter(node -> snapshot.nodes().live().contains(node))
        .collect(Collectors.toSet());
  }

  /**
   * Whether the failures are the service's and not a hiccup of a node: the swarm restarts a failed task (restart
   * condition {@code any} or {@code on-failure}), and a runtime or network race on a busy node fails one start and
   * not the next. So a service fails when one of its slots (a global service: one of its nodes) has failed twice in
   * this deploy, or once when its restart condition is {@code none}. A crash-looping service fails after one restart
   * delay (5 s by default), well before the timeout.
   */
  private static boolean swarmGaveUp(ServiceSnapshot snapshot, List<ObjectNode> failed) {
    String condition = snapshot
        .service()
        .path("Spec")
        .path("TaskTemplate")
        .path("RestartPolicy")
        .path("Condition")
        .asText("any");
    if (condition.equals("none")) {
      return true;
    }
    Set<String> slots = new HashSet<>();
    return failed.stream().map(Tasks::slot).anyMatch(slot -> !slots.add(slot));
  }

  /**
   * Failed tasks of this deploy, newest first: earlier failures of the same spec are history, not news, and so are
   * tasks that failed only as the swarm stopped them.
   */
  private static List<ObjectNode> failedTasks(ServiceSnapshot snapshot) {
    return snapshot.tasks().stream()
        .filter(Tasks::isFailed)
        .filter(task -> !Tasks.wasStopped(task))
        .filter(task -> !Tasks.changedAt(task).isBefore(snapshot.since()))
        .sorted((a, b) -> Tasks.changedAt(b).compareTo(Tasks.changedAt(a)))
        .toList();
  }

  /** Why a task waits: {@code task pending: no suitable node (...)}, naming the node a global task is meant for. */
  static String pending(ObjectNode task, ServiceSnapshot snapshot) {
    String node =
        Tasks.nodeId(task).isEmpty() ? "" : " on " + snapshot.nodes().name(Tasks.nodeId(task));
    return "task pending" + node + suffix(Tasks.error(task));
  }

  /** {@code , left out: m1 (down)}: the nodes a global service converges without; empty when none. */
  static String leftOut(ServiceSnapshot snapshot) {
    List<String> nodes = snapshot.leftOut();
    return nodes.isEmpty() ? "" : ", left out: " + String.join(", ", nodes);
  }

  private static String suffix(String message) {
    return message.isEmpty() ? "" : ": " + message;
  }
}
