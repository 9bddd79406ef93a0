package dev.swarmstack.swarm.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.testing.RecordingLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The lock's rules against an in-memory config store with the engine's uniqueness and versioning. */
class StackLockTest {

  private static final Duration LEASE = Duration.ofSeconds(60);

  private final ConfigStore store = new ConfigStore();
  private final TestClock clock = new TestClock(Instant.parse("2026-12-06T10:00:00Z"));
  private final List<String> log = new ArrayList<>();

  private StackLock lock() {
    return new StackLock(store, new RecordingLog(log), clock, LEASE);
  }

  @Test
  void aFreeStackIsLockedWithItsHolderInTheLabelsAndCloseReleasesIt() {
    try (HeldLock held = lock().acquire("shop", "deploy", Duration.ZERO)) {
      ObjectNode labels = (ObjectNode) store.all().get(0).spec().path("Labels");
      assertEquals("shop.lock", store.all().get(0).name());
      assertEquals("shop", labels.path("dev.swarmstack.lock.stack").asText());
      assertEquals(held.lockId(), labels.path("dev.swarmstack.lock.id").asText());
      assertEquals("deploy", labels.path("dev.swarmstack.lock.goal").asText());
      assertEquals(
          Long.toString(ProcessHandle.current().pid()),
          labels.path("dev.swarmstack.lock.pid").asText());
      assertEquals(
          "2026-12-06T10:01:00Z", labels.path("dev.swarmstack.lock.expires").asText());
      assertTrue(
          labels.path("dev.swarmstack.lock.owner").asText().contains("@"), labels.toString());
      // not a stack object: rm, prune and rotation select by this label and must never see the lock
      assertFalse(labels.has("com.docker.stack.namespace"), labels.toString());
    }
    assertEquals(List.of(), store.all());
    assertTrue(log.contains("INFO Unlocked stack shop"), log.toString());
  }

  @Test
  void aLiveLockMakesAnotherBuildGiveUpNamingTheHolder() {
    try (HeldLock held = lock().acquire("shop", "deploy", Duration.ZERO)) {
      LockHeldException refused =
          assertThrows(LockHeldException.class, () -> lock().acquire("shop", "rm", Duration.ZERO));

      assertEquals(
          List.of("shop", held.lockId(), "deploy"),
          List.of(
              refused.holder().stack(),
              refused.holder().lockId(),
              refused.holder().goal()));
      assertEquals(Duration.ZERO, refused.waited());
      assertTrue(
          refused.getMessage().startsWith("Stack shop is locked by deploy by "),
          refused.getMessage());
      assertEquals(1, store.all().size());
    }
  }

  @Test
  void aLockWhoseLeaseExpiredIsTakenOverAndItsFormerHolderDoesNotReleaseTheNewOne() {
    HeldLock killed = lock().acquire("shop", "deploy", Duration.ZERO);
    clock.advance(LEASE.plusSeconds(1));

    try (HeldLock taken = lock().acquire("shop", "deploy", Duration.ZERO)) {
      assertTrue(
          log.stream()
              .anyMatch(
                  line -> line.startsWith("WARN Took over the lock of stack shop from deploy by")
                      && line.contains("lock id " + killed.lockId())
                      && line.endsWith("so that build is gone")),
          log.toString());

      killed.close();

      assertEquals(Optional.of(taken.lockId()), lock().holder("shop").map(LockHolder::lockId));
      assertTrue(
          killed.lost().orElseThrow().contains("was taken over by"),
          killed.lost().toString());
    }
  }

  @Test
  void anExpiredLockWithOtherDataIsTakenOverByItsLabelsAlone() {
    LockHolder killed =
        new LockHolder("shop", "old", "ci@gone", 7, "rm", clock.instant(), clock.instant());
    ObjectNode left =
        JsonNodeFactory.instance.objectNode().put("Name", "shop.lock").put("Data", "b2xkZXI=");
    killed.labels().forEach(left.putObject("Labels")::put);
    store.createConfig(left);

    try (HeldLock taken = lock().acquire("shop", "deploy", Duration.ZERO)) {
      assertEquals(Optional.of(taken.lockId()), lock().holder("shop").map(LockHolder::lockId));
      assertEquals("b2xkZXI=", store.all().get(0).spec().path("Data").asText());
    }
  }

  @Test
  void ofTwoBuildsTakingOverTheSameExpiredLockOnlyOneWins() {
    lock().acquire("shop", "deploy", Duration.ZERO);
    clock.advance(LEASE.plusSeconds(1));
    List<HeldLock> winner = new ArrayList<>();
    // the other build takes the lock over between this build's read of the stale lock and its own
    // update
    store.beforeNextUpdate = () -> winner.add(lock().acquire("shop", "deploy", Duration.ZERO));

    LockException lost =
        assertThrows(LockException.class, () -> lock().acquire("shop", "deploy", Duration.ZERO));

    assertEquals(1, winner.size());
    assertTrue(lost.getMessage().contains("lock id " + winner.get(0).lockId()), lost.getMessage());
    assertEquals(
        Optional.of(winner.get(0).lockId()), lock().holder("shop").map(LockHolder::lockId));
  }

  @Test
  void unlockBreaksOnlyTheLockWithTheIdItIsGiven() {
    HeldLock held = lock().acquire("shop", "deploy", Duration.ZERO);

    LockException wrong =
        assertThrows(LockException.class, () -> lock().breakLock("shop", "not-the-id"));
    assertTrue(
        wrong.getMessage().contains("not by lock id not-the-id: nothing was broken"),
        wrong.getMessage());
    assertEquals(1, store.all().size());

    LockHolder broken = lock().breakLock("shop", held.lockId());
    assertEquals(held.lockId(), broken.lockId());
    assertEquals(List.of(), store.all());

    LockException none =
        assertThrows(LockException.class, () -> lock().breakLock("shop", held.lockId()));
    assertEquals(
        "Stack shop is not locked (no config shop.lock): nothing to unlock", none.getMessage());
    held.close();
    assertTrue(
        held.lost().orElseThrow().contains("was broken (the unlock command)"),
        held.lost().toString());
  }

  @Test
  void aConfigThatTakesTheLocksNameWithoutBeingALockIsNamed() {
    ObjectNode foreign =
        JsonNodeFactory.instance.objectNode().put("Name", "shop.lock").put("Data", "");
    store.createConfig(foreign);

    LockException refused =
        assertThrows(LockException.class, () -> lock().acquire("shop", "deploy", Duration.ZERO));

    assertTrue(
        refused.getMessage().startsWith("A config named shop.lock exists and is not a stack lock"),
        refused.getMessage());
  }

  @Test
  void theLockNameFitsTheEnginesLimitForTheLongestStackName() {
    String longest = "s".repeat(63);
    assertEquals(64, StackLock.configName(longest).length());
    assertTrue(StackLock.configName(longest).endsWith(".lock"));
  }

  @Test
  void labelsWithoutEveryFieldAreNoHolder() {
    LockHolder holder = new LockHolder(
        "shop", "id-1", "ci@host", 42, "rm", Instant.EPOCH, Instant.EPOCH.plus(LEASE));
    assertEquals(Optional.of(holder), LockHolder.fromLabels(holder.labels()));
    Map<String, String> partial = new HashMap<>(holder.labels());
    partial.remove("dev.swarmstack.lock.expires");
    assertEquals(Optional.empty(), LockHolder.fromLabels(partial));
  }

  /** A clock the test moves on, so that a lease runs out without waiting for it. */
  private static final class TestClock extends Clock {

    private Instant now;

    TestClock(Instant now) {
      this.now = now;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
