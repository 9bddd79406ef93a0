package dev.swarmstack.swarm.compose;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;

/**
 * The build's fuzzing: a fixed number of executions of a fuzz target on random inputs from a fixed seed, in the
 * test's own JVM. Jazzer's coverage-guided fuzzing (scripts/fuzz.sh) needs an instrumenting agent and a JVM per
 * target, which takes minutes to start on a busy machine; this takes seconds, and is the same on every run.
 */
public final class BoundedFuzzRun {

  private static final int MAX_INPUT_LENGTH = 4096;

  private BoundedFuzzRun() {}

  /** Runs {@code target} on {@code executions} inputs; fails on the first exception, naming the execution. */
  public static void run(String name, int executions, FuzzTarget target) {
    long slowestNanos = 0;
    int slowest = 0;
    for (int i = 0; i < executions; i++) {
      Random random = new Random(i); // execution i can be replayed alone
      long start = System.nanoTime();
      try {
        target.run(FuzzInput.random(random, random.nextInt(MAX_INPUT_LENGTH)));
      } catch (Throwable finding) {
        fail(
            name + ": execution " + i + " (new Random(" + i + ")) of " + executions + " threw "
                + finding,
            finding);
      }
      if (System.nanoTime() - start > slowestNanos) {
        slowestNanos = System.nanoTime() - start;
        slowest = i;
      }
    }
    // printed, not asserted: a slow input is worth a look, a shared machine's timings aren't worth
    // a failure
    System.out.printf(
        "%s: %d executions, no finding; the slowest was execution %d (%.1f s)%n",
        name, executions, slowest, slowestNanos / 1e9);
  }

  /** A fuzz test's body. */
  @FunctionalInterface
  public interface FuzzTarget {
    void run(FuzzInput input) throws Exception;
  }
}
