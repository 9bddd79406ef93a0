package dev.swarmstack.swarm.engine;

/** The engine gave no answer at all (refused, reset, or silent past the timeout): it may be down, unlike an engine that said no. */
public class EngineUnreachableException extends EngineException {

  private static final long serialVersionUID = 1L;

  public EngineUnreachableException(String message, Throwable cause) {
    super(message, 0, cause);
  }
}
