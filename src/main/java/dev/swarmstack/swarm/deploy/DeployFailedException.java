package dev.swarmstack.swarm.deploy;

import dev.swarmstack.swarm.engine.EngineException;

/**
 * A deploy that failed, after whatever rollback was done; the message tells both stories, the report has the rest.
 * Its cause is the engine's failure when the engine failed (a write refused, the manager lost), and none when the
 * stack did not converge.
 */
public final class DeployFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient RolloutReport report;

  DeployFailedException(String message, RolloutReport report) {
    super(message);
    this.report = report;
  }

  /** This failure, caused by the engine failing rather than by the stack. */
  DeployFailedException causedBy(EngineException engineFailure) {
    initCause(engineFailure);
    return this;
  }

  /** Whether the engine failed (a write refused, the manager lost), rather than the stack failing to converge. */
  public boolean isEngineFailure() {
    return getCause() instanceof EngineException;
  }

  public RolloutReport report() {
    return report;
  }
}
