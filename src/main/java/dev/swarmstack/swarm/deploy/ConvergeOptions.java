package dev.swarmstack.swarm.deploy;

import java.time.Duration;

/**
 * Whether and how a deploy waits for the stack to converge.
 *
 * @param detach return right after the writes, without waiting (and so without rolling back on task failures)
 * @param timeout how long to wait for the stack to converge, and again for a rollback to converge
 * @param rollback restore the stack as it was when the deploy fails
 * @param logLines how many log lines of each failed task the failure report shows
 */
public record ConvergeOptions(boolean detach, Duration timeout, boolean rollback, int logLines) {

  public static ConvergeOptions defaults() {
    return new ConvergeOptions(false, Duration.ofMinutes(5), true, 20);
  }
}
