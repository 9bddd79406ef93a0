package dev.swarmstack.swarm.engine;

import java.time.Duration;

/** The pause between two looks at the engine, for the waits that poll it. */
public final class Polling {

  private Polling() {}

  /** Sleeps; an interrupt ends the wait as an engine failure and keeps the thread's interrupt flag. */
  public static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException("interrupted while waiting for the engine", 0, e);
    }
  }
}
