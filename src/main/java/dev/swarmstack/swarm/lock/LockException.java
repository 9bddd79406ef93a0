package dev.swarmstack.swarm.lock;

/** The stack lock could not be taken or broken; the message says who holds it and what to do. */
public class LockException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  LockException(String message) {
    super(message);
  }
}
