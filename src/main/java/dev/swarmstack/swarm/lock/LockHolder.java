package dev.swarmstack.swarm.lock;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who holds a stack lock, as the lock config's labels record it: enough for a waiting user to find the build that
 * holds it, and for another build to tell whether it is still alive ({@link #expires}).
 *
 * @param lockId random; unlocking needs it, so that it can only break the lock it was shown
 * @param owner {@code user@host} of the build
 * @param goal what took it, as its user runs it ({@code swarm:deploy})
 */
public record LockHolder(
    String stack,
    String lockId,
    String owner,
    long pid,
    String goal,
    Instant started,
    Instant expires) {

  static final String PREFIX = "dev.swarmstack.lock.";
  /** Selects lock configs; deliberately not the stack namespace label, so rm, prune and rotation never see them. */
  static final String STACK = PREFIX + "stack";

  private static final String ID = PREFIX + "id";
  private static final String OWNER = PREFIX + "owner";
  private static final String PID = PREFIX + "pid";
  private static final String GOAL = PREFIX + "goal";
  private static final String STARTED = PREFIX + "started";
  private static final String EXPIRES = PREFIX + "expires";

  Map<String, String> labels() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(STACK, stack);
    labels.put(ID, lockId);
    labels.put(OWNER, owner);
    labels.put(PID, Long.toString(pid));
    labels.put(GOAL, goal);
    labels.put(STARTED, started.toString());
    labels.put(EXPIRES, expires.toString());
    return labels;
  }

  /** @return empty when the labels are not a complete lock record (not a lock, or written by hand) */
  static Optional<LockHolder> fromLabels(Map<String, String> labels) {
    try {
      return Optional.of(new LockHolder(
          required(labels, STACK),
          required(labels, ID),
          required(labels, OWNER),
          Long.parseLong(required(labels, PID)),
          required(labels, GOAL),
          Instant.parse(required(labels, STARTED)),
          Instant.parse(required(labels, EXPIRES))));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static String required(Map<String, String> labels, String key) {
    String value = labels.get(key);
    if (value == null) {
      throw new IllegalArgumentException(key);
    }
    return value;
  }

  LockHolder renewedUntil(Instant newExpiry) {
    return new LockHolder(stack, lockId, owner, pid, goal, started, newExpiry);
  }

  /** Its holder stopped renewing the lease: killed, or cut off from the swarm. */
  boolean isExpired(Instant now) {
    return !now.isBefore(expires);
  }

  /** For messages: {@code swarm:deploy by alice@ci-7 (pid 4242) since 2026-12-06T10:00:00Z, lock id 3f2a...}. */
  public String describe() {
    return goal + " by " + owner + " (pid " + pid + ") since " + started + ", lock id " + lockId;
  }
}
