package dev.swarmstack.swarm.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What the rules say about one service at one moment.
 *
 * @param progress as the progress line shows it ({@code 2/3 running}, {@code task rejected on node-2: ...})
 * @param failedTasks for {@link Kind#FAILED}: the tasks that failed (may be empty, e.g. a paused update); for
 *     {@link Kind#BLOCKED}: the tasks no node can take
 */
public record Verdict(Kind kind, String progress, List<ObjectNode> failedTasks) {

  public enum Kind {
    /** Not there yet. */
    PROGRESSING,
    /** Every desired task runs: converged once that has lasted the service's monitor period. */
    RUNNING,
    /** Converged now, no stability window (jobs done, zero replicas). */
    DONE,
    /** Not there yet, and a task found no node to run on: a failure once that has lasted a while. */
    BLOCKED,
    FAILED
  }

  static Verdict progressing(String progress) {
    return new Verdict(Kind.PROGRESSING, progress, List.of());
  }

  static Verdict failed(String progress, List<ObjectNode> failedTasks) {
    return new Verdict(Kind.FAILED, progress, failedTasks);
  }
}
