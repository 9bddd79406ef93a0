package dev.swarmstack.swarm.lock;

import java.time.Duration;

/** Another build held the stack lock for the whole wait: carries who holds it and how long this one waited. */
public final class LockHeldException extends LockException {

  private static final long serialVersionUID = 1L;

  private final transient LockHolder holder;
  private final Duration waited;

  public LockHeldException(LockHolder holder, Duration waited) {
    super("Stack " + holder.stack() + " is locked by " + holder.describe() + " until "
        + holder.expires() + "; gave up waiting after " + waited.toSeconds() + " s");
    this.holder = holder;
    this.waited = waited;
  }

  public LockHolder holder() {
    return holder;
  }

  public Duration waited() {
    return waited;
  }
}
