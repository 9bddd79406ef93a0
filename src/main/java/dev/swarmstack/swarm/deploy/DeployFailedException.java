package dev.swarmstack.swarm.deploy;

/** A deploy that failed, after whatever rollback was done; the message tells both stories, the report has the rest. */
public final class DeployFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient RolloutReport report;

  DeployFailedException(String message, RolloutReport report) {
    super(message);
    this.report = report;
  }

  public RolloutReport report() {
    return report;
  }
}
