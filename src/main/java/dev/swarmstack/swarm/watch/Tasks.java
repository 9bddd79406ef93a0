package dev.swarmstack.swarm.watch;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

/** Reading the Engine API's task JSON. */
public final class Tasks {

  /** States a task never leaves. */
  static final Set<String> TERMINAL =
      Set.of("complete", "shutdown", "failed", "rejected", "orphaned", "remove");

  /** States that end a task with an error: a deploy with such a task has failed. */
  static final Set<String> FAILED = Set.of("failed", "rejected");

  private Tasks() {}

  static String state(JsonNode task) {
    return task.path("Status").path("State").asText("");
  }

  static String desiredState(JsonNode task) {
    return task.path("DesiredState").asText("");
  }

  static String error(JsonNode task) {
    return task.path("Status").path("Err").asText("");
  }

  static String nodeId(JsonNode task) {
    return task.path("NodeID").asText("");
  }

  static String id(JsonNode task) {
    return task.path("ID").asText("");
  }

  /** Whether the task is in a state it never leaves: its container has stopped, or never started. */
  public static boolean hasEnded(JsonNode task) {
    return TERMINAL.contains(state(task));
  }

  /** Whether the task is meant to run and does. */
  static boolean isRunning(JsonNode task) {
    return state(task).equals("running") && !TERMINAL.contains(desiredState(task));
  }

  static boolean isFailed(JsonNode task) {
    return FAILED.contains(state(task));
  }

  /**
   * Whether a failed task died of the signal that stopped it while the swarm was replacing or removing it: its
   * container ignored the stop signal, was killed at the end of its grace period (exit 137; 143 for the stop signal
   * itself), and a busy engine reported that as a failure rather than a shutdown. Not news about the new spec.
   */
  static boolean wasStopped(JsonNode task) {
    return TERMINAL.contains(desiredState(task)) && signalled(task);
  }

  /**
   * The place the task fills, which the swarm fills again when the task fails: its slot number for replicated
   * services and jobs, its node for global ones (whose tasks have no slot).
   */
  static String slot(JsonNode task) {
    long slot = task.path("Slot").asLong(0);
    return slot > 0 ? "slot " + slot : "node " + nodeId(task);
  }

  private static boolean signalled(JsonNode task) {
    return error(task).endsWith("non-zero exit (137)")
        || error(task).endsWith("non-zero exit (143)");
  }

  /**
   * Whether the scheduler found no node for the task: it stays {@code pending} with the scheduler's reason as its
   * error ("no suitable node (...)"; for a global task, why its node can't take it). Pending tasks have no error
   * otherwise.
   */
  static boolean isUnschedulable(JsonNode task) {
    return state(task).equals("pending")
        && !error(task).isEmpty()
        && !TERMINAL.contains(desiredState(task));
  }

  /** When the task last changed state ({@code Status.Timestamp}); {@link Instant#MIN} when unknown. */
  static Instant changedAt(JsonNode task) {
    try {
      return Instant.parse(task.path("Status").path("Timestamp").asText(""));
    } catch (DateTimeParseException e) {
      return Instant.MIN;
    }
  }
}
