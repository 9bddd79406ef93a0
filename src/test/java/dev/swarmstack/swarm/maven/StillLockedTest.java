package dev.swarmstack.swarm.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.swarmstack.swarm.lock.LockHeldException;
import dev.swarmstack.swarm.lock.LockHolder;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A build that gave up waiting for the stack lock is told, in the pom's terms, what to do. */
class StillLockedTest {

  @Test
  void namesTheWaitsPropertyAndTheGoalThatBreaksTheLock() {
    LockHolder holder = new LockHolder(
        "shop",
        "3f2a",
        "alice@ci-7",
        4242,
        "swarm:deploy",
        Instant.parse("2026-12-06T10:00:00Z"),
        Instant.parse("2026-12-06T10:01:00Z"));

    String message =
        AbstractEngineMojo.stillLocked(new LockHeldException(holder, Duration.ofMinutes(5)));

    assertEquals(
        "Stack shop is locked by swarm:deploy by alice@ci-7 (pid 4242) since 2026-12-06T10:00:00Z, lock id"
            + " 3f2a; gave up waiting after 300 s (swarm.lock.timeout). If that build is still running, let it finish or"
            + " wait longer; if it is gone, its lease ends at 2026-12-06T10:01:00Z and the next deploy takes the lock over."
            + " To break the lock now: mvn swarm:unlock -Dswarm.lock.id=3f2a",
        message);
  }
}
