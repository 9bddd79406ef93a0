package dev.swarmstack.swarm.engine;

/** An engine call failed: unreachable, timed out, or refused. The Maven layer reports it as an execution failure. */
public class EngineException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;

  /** @param status the HTTP status the engine answered with, or 0 when there was no answer */
  public EngineException(String message, int status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  public int status() {
    return status;
  }

  public boolean isNotFound() {
    return status == 404;
  }

  /** {@code update out of sequence}: someone else changed the object since it was read. */
  public boolean isOutOfSequence() {
    return getMessage() != null && getMessage().contains("update out of sequence");
  }
}
