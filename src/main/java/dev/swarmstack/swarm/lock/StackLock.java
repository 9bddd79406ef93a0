package dev.swarmstack.swarm.lock;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.engine.EngineException;
import dev.swarmstack.swarm.engine.EngineObject;
import dev.swarmstack.swarm.engine.Polling;
import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.problem.Setting;
import dev.swarmstack.swarm.stack.BuildIdentity;
import dev.swarmstack.swarm.stack.DeployLog;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One writer per stack at a time, across builds and machines: a swarm config named {@code <stack>.lock}. Configs are
 * unique by name and created atomically by the swarm's raft store, so of two builds creating it at once exactly one
 * succeeds. Who holds it lives in its labels (its data can't change); the holder renews an expiry there while it
 * runs, and a lock whose expiry passed is taken over by a label update at the version seen, which the swarm refuses
 * to all but one of several waiters. Expiries compare the holder's clock with the waiter's: they must agree to well
 * within {@link #LEASE}.
 */
public final class StackLock {

  /** How long a lock outlives its last renewal: a killed build blocks its stack this long at most. */
  public static final Duration LEASE = Duration.ofSeconds(60);

  private static final Duration POLL = Duration.ofSeconds(1);
  private static final Duration REPORT_EVERY = Duration.ofSeconds(10);
  private static final String DATA = Base64.getEncoder()
      .encodeToString("swarm-maven-plugin stack lock; who holds it is in the labels\n"
          .getBytes(StandardCharsets.UTF_8));
  private static final int MAX_NAME = 64;

  private final SwarmEngine engine;
  private final DeployLog log;
  private final Clock clock;
  private final Duration lease;

  public StackLock(SwarmEngine engine, DeployLog log) {
    this(engine, log, Clock.systemUTC(), LEASE);
  }

  StackLock(SwarmEngine engine, DeployLog log, Clock clock, Duration lease) {
    this.engine = engine;
    this.log = log;
    this.clock = clock;
    this.lease = lease;
  }

  /** {@code <stack>.lock}: the stack's own configs are all named {@code <stack>_<name>}, so none can take it. */
  public static String configName(String stack) {
    String suffix = ".lock";
    return stack.substring(0, Math.min(stack.length(), MAX_NAME - suffix.length())) + suffix;
  }

  /**
   * Takes the lock of {@code stack}, waiting up to {@code timeout} while another build holds it; the returned lock
   * renews itself until closed.
   *
   * @param goal what takes it, as its user runs it, for the messages of those who wait ({@code swarm:deploy})
   * @throws LockException when another build still holds it after {@code timeout}
   */
  public HeldLock acquire(String stack, String goal, Duration timeout) {
    Instant deadline = clock.instant().plus(timeout);
    LockHolder me = new LockHolder(
        stack,
        UUID.randomUUID().toString(),
        BuildIdentity.owner(),
        BuildIdentity.pid(),
        goal,
        clock.instant(),
        clock.instant());
    WaitingLog waiting = new WaitingLog(stack, timeout);
    while (true) {
      Instant now = clock.instant();
      LockHolder mine = me.renewedUntil(now.plus(lease));
      Optional<EngineObject> current = find(stack);
      if (current.isEmpty()) {
        if (create(mine)) {
          return held(mine);
        }
        continue; // someone else created it first: look at theirs
      }
      Optional<LockHolder> holder = holderOf(current.get());
      if (holder.isEmpty() || holder.get().isExpired(now)) {
        if (takeOver(current.get(), mine)) {
          log.warn("Took over the lock of stack " + stack
              + (holder.isEmpty()
                  ? " (its labels were unreadable)"
                  : " from " + holder.get().describe() + ": its lease expired at "
                      + holder.get().expires() + ", so that build is gone"));
          return held(mine);
        }
        continue; // another waiter took it over first
      }
      if (!now.isBefore(deadline)) {
        throw new LockHeldException(holder.get(), timeout);
      }
      waiting.report(holder.get(), now);
      Polling.pause(POLL);
    }
  }

  /** Who holds the lock of {@code stack}, if anyone. */
  public Optional<LockHolder> holder(String stack) {
    return find(stack).flatMap(StackLock::holderOf);
  }

  /**
   * Breaks the lock of {@code stack} on purpose ({@code swarm:unlock}), only when {@code lockId} is its id: the id
   * a waiting build printed, so that a lock taken since then is not broken by mistake.
   *
   * @return whose lock was broken
   * @throws LockException when the stack is not locked, or by another lock id
   */
  public LockHolder breakLock(String stack, String lockId) {
    for (int attempt = 1; ; attempt++) {
      EngineObject current = find(stack)
          .orElseThrow(() -> new LockException("Stack " + stack + " is not locked (no config "
              + configName(stack) + "): nothing to unlock"));
      LockHolder holder = holderOf(current)
          .orElseThrow(() -> new LockException("The lock config " + configName(stack)
              + " has unreadable labels; remove it with: docker config rm " + configName(stack)));
      if (!holder.lockId().equals(lockId)) {
        throw new LockException(
            "Stack " + stack + " is locked by " + holder.describe() + ", not by lock id " + lockId
                + ": nothing was broken. Use the lock id from the latest message that names the holder");
      }
      // extending the lease first fences off a takeover between this check and the removal
      try {
        engine.updateConfig(
            current.id(),
            current.version(),
            relabelled(current, holder.renewedUntil(clock.instant().plus(lease))));
      } catch (EngineException e) {
        if (e.isOutOfSequence() && attempt < 3) {
          continue; // renewed by its holder meanwhile: look again
        }
        throw e;
      }
      engine.removeConfig(current.id());
      return holder;
    }
  }

  Optional<EngineObject> find(String stack) {
    return engine.listConfigs(Map.of(LockHolder.STACK, stack)).stream()
        .filter(config -> config.name().equals(configName(stack)))
        .findFirst();
  }

  static Optional<LockHolder> holderOf(EngineObject config) {
    Map<String, String> labels = new TreeMap<>();
    config
        .spec()
        .path("Labels")
        .properties()
        .forEach(label -> labels.put(label.getKey(), label.getValue().asText()));
    return LockHolder.fromLabels(labels);
  }

  private static ObjectNode spec(LockHolder holder) {
    ObjectNode spec = JsonNodeFactory.instance.objectNode();
    spec.put("Name", configName(holder.stack()));
    spec.put("Data", DATA);
    return withLabels(spec, holder);
  }

  /** The lock config's spec with {@code holder}'s labels: only labels may change, the data stays as it was. */
  static ObjectNode relabelled(EngineObject config, LockHolder holder) {
    return withLabels(config.spec().deepCopy(), holder);
  }

  private static ObjectNode withLabels(ObjectNode spec, LockHolder holder) {
    ObjectNode labels = spec.putObject("Labels");
    holder.labels().forEach(labels::put);
    return spec;
  }

  /** @return false when a config of that name exists already (another build's lock) */
  private boolean create(LockHolder mine) {
    try {
      engine.createConfig(spec(mine));
      return true;
    } catch (EngineException e) {
      if (e.status() != 409) {
        throw e;
      }
      if (find(mine.stack()).isEmpty()
          && engine.listConfigs(Map.of()).stream()
              .anyMatch(config -> config.name().equals(configName(mine.stack())))) {
        throw new LockException(
            "A config named " + configName(mine.stack()) + " exists and is not a stack lock: the"
                + " stack lock needs that name. Rename or remove that config (docker config rm "
                + configName(mine.stack())
                + "), or deploy without the lock (" + log.terms().set(Setting.LOCK, "false") + ")");
      }
      return false;
    }
  }

  /** A label update at the version seen: of several waiters that saw the same expired lock, one succeeds. */
  private boolean takeOver(EngineObject stale, LockHolder mine) {
    try {
      engine.updateConfig(stale.id(), stale.version(), relabelled(stale, mine));
      return true;
    } catch (EngineException e) {
      if (e.isOutOfSequence() || e.isNotFound()) {
        return false;
      }
      throw e;
    }
  }

  private HeldLock held(LockHolder mine) {
    log.info("Locked stack " + mine.stack() + " (config " + configName(mine.stack()) + ", lock id "
        + mine.lockId() + ")");
    return new HeldLock(this, engine, log, clock, lease, mine);
  }

  /** Says who holds the lock when the wait starts, when the holder changes, and every {@link #REPORT_EVERY}. */
  private final class WaitingLog {

    private final String stack;
    private final Duration timeout;
    private final Instant start = clock.instant();
    private String shownLockId;
    private Instant shownAt;

    WaitingLog(String stack, Duration timeout) {
      this.stack = stack;
      this.timeout = timeout;
    }

    void report(LockHolder holder, Instant now) {
      if (holder.lockId().equals(shownLockId) && now.isBefore(shownAt.plus(REPORT_EVERY))) {
        return;
      }
      long waited = Duration.between(start, now).toSeconds();
      log.info((shownLockId == null
              ? "Waiting up to " + timeout.toSeconds() + " s ("
                  + log.terms().name(Setting.LOCK_TIMEOUT) + ")"
              : "Still waiting after " + waited + " s")
          + " for the lock of stack " + stack + ", held by "
          + holder.describe() + " (lease until " + holder.expires() + ")");
      shownLockId = holder.lockId();
      shownAt = now;
    }
  }
}
