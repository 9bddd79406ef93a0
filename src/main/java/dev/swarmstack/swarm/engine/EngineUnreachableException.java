package dev.swarmstack.swarm.engine;

/** The engine gave no answer at all (refused, reset, or silent past the timeout): it may be down, unlike an engine that said no. */
public class EngineUnreachableException extends EngineException {

  private static final long serialVersionUID = 1L;

  private final String reason;

  /** @param reason why, in a few words, without what was being done or where ({@code Connection refused}) */
  public EngineUnreachableException(String message, String reason, Throwable cause) {
    super(message, 0, cause);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
