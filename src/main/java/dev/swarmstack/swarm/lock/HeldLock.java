package dev.swarmstack.swarm.lock;

import dev.swarmstack.swarm.engine.EngineException;
import dev.swarmstack.swarm.engine.EngineObject;
import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.problem.Command;
import dev.swarmstack.swarm.stack.DeployLog;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A stack lock this build holds. It renews its lease in the background (a deploy's wait can be longer than the
 * lease) and is released on {@link #close()}. Renewal is a label update at the version just read, so a lock that was
 * broken or taken over meanwhile is noticed, not overwritten.
 */
public final class HeldLock implements AutoCloseable {

  private final StackLock lock;
  private final SwarmEngine engine;
  private final DeployLog log;
  private final Clock clock;
  private final Duration lease;
  private final LockHolder mine;
  private final ScheduledExecutorService renewer;
  /** Set once the lock is no longer ours: broken by swarm:unlock, or taken over after a lease we failed to renew. */
  private volatile String lost;

  HeldLock(
      StackLock lock,
      SwarmEngine engine,
      DeployLog log,
      Clock clock,
      Duration lease,
      LockHolder mine) {
    this.lock = lock;
    this.engine = engine;
    this.log = log;
    this.clock = clock;
    this.lease = lease;
    this.mine = mine;
    this.renewer = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "swarm-lock-renewal-" + mine.stack());
      thread.setDaemon(true);
      return thread;
    });
    long period = lease.dividedBy(3).toMillis();
    renewer.scheduleWithFixedDelay(this::renew, period, period, TimeUnit.MILLISECONDS);
  }

  public String lockId() {
    return mine.lockId();
  }

  /** Why the lock stopped being this build's while it ran; empty while it is. */
  public Optional<String> lost() {
    return Optional.ofNullable(lost);
  }

  private void renew() {
    if (lost != null) {
      return;
    }
    try {
      Optional<EngineObject> current = ours();
      if (current.isEmpty()) {
        return;
      }
      engine.updateConfig(
          current.get().id(),
          current.get().version(),
          StackLock.relabelled(current.get(), mine.renewedUntil(clock.instant().plus(lease))));
    } catch (EngineException e) {
      if (renewer.isShutdown()) {
        return; // released meanwhile: the lease no longer matters
      }
      // the next renewal tries again; the lease lasts three periods
      log.warn("Could not renew the lock of stack " + mine.stack() + ": " + e.getMessage());
    }
  }

  /** The lock config while it is still this build's; marks the lock lost when it isn't. */
  private Optional<EngineObject> ours() {
    Optional<EngineObject> current = lock.find(mine.stack());
    Optional<LockHolder> holder = current.flatMap(StackLock::holderOf);
    if (holder.isPresent() && holder.get().lockId().equals(mine.lockId())) {
      return current;
    }
    if (lost == null) {
      lost = holder
          .map(other ->
              "the lock of stack " + mine.stack() + " was taken over by " + other.describe())
          .orElse("the lock of stack " + mine.stack() + " was broken ("
              + log.terms().run(Command.UNLOCK) + ")");
      log.warn(
          lost + " while this build held it: another build may write the stack at the same time");
    }
    return Optional.empty();
  }

  /** Stops renewing and removes the lock config, unless it is no longer this build's; never throws. */
  @Override
  public void close() {
    // a renewal in flight finishes, and must not outlive the release; interrupting it would report
    // a failure
    renewer.shutdown();
    try {
      if (!renewer.awaitTermination(10, TimeUnit.SECONDS)) {
        renewer.shutdownNow();
      }
    } catch (InterruptedException e) {
      renewer.shutdownNow();
      Thread.currentThread().interrupt();
    }
    try {
      Optional<EngineObject> current = ours();
      if (current.isPresent()) {
        engine.removeConfig(current.get().id());
        log.info("Unlocked stack " + mine.stack());
      }
    } catch (EngineException e) {
      // not the build's story: the lease ends on its own, and the next build takes the lock over
      // then
      log.warn("Could not release the lock of stack " + mine.stack() + " (" + e.getMessage()
          + "); it expires within " + lease.toSeconds() + " s, then the next build takes it over");
    }
  }
}
