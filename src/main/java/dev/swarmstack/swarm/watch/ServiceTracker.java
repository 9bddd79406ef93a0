package dev.swarmstack.swarm.watch;

import dev.swarmstack.swarm.watch.Verdict.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One service over time: turns successive {@link Verdict}s into converged/failed, keeping the stability window (a
 * running service must stay running for its monitor period), and says when the progress line changes.
 *
 * <p>Tasks that were already running before the deploy began (an unchanged service) count from when they started
 * running, by the engine's clock ({@code Status.Timestamp}): they have served their window, so redeploying an
 * unchanged stack doesn't wait 5 s for nothing. Tasks started by this deploy count from when the watcher first saw
 * them running, as the CLI does: a busy engine may report a task running a while after it already exited.
 * Comparing the engine's timestamps with the deploy's start assumes the two clocks agree (they do for a local
 * engine; a remote manager behind ours shortens the window of tasks started right at the deploy's start).
 */
public final class ServiceTracker {

  private final String name;
  private final Instant started;
  private Verdict last;
  private Instant runningSince;
  /** When the service was last seen not running; the window can't start before. */
  private Instant notRunningSeen = Instant.MIN;
  /** Since when a task has found no node, while it still finds none. */
  private Instant blockedSince;

  private Duration monitor = ConvergenceRules.DEFAULT_MONITOR;
  private Duration convergedAfter;
  /** The nodes a global service converges without, as the progress line names them; empty when none. */
  private String leftOut = "";

  private String shown = "";

  /** @param started when the watch started, from which time to converge is counted */
  public ServiceTracker(String name, Instant started) {
    this.name = name;
    this.started = started;
  }

  /** @return the new progress text when it changed since the last observation */
  public Optional<String> observe(ServiceSnapshot snapshot, Instant now) {
    if (isConverged() || isFailed()) {
      return Optional.empty();
    }
    last = blockedTooLong(ConvergenceRules.judge(snapshot), now);
    monitor = ConvergenceRules.monitor(snapshot.service());
    leftOut = ConvergenceRules.leftOut(snapshot);
    if (last.kind() == Kind.RUNNING) {
      runningSince = runningSince == null ? windowStart(snapshot, now) : runningSince;
      if (!now.isBefore(runningSince.plus(monitor))) {
        convergedAfter = Duration.between(started, now);
      }
    } else {
      runningSince = null;
      notRunningSeen = now;
      if (last.kind() == Kind.DONE) {
        convergedAfter = Duration.between(started, now);
      }
    }
    String text =
        isConverged() ? "converged in " + seconds(convergedAfter) + leftOut : last.progress();
    if (text.equals(shown)) {
      return Optional.empty();
    }
    shown = text;
    return Optional.of(text);
  }

  private Verdict blockedTooLong(Verdict verdict, Instant now) {
    if (verdict.kind() != Kind.BLOCKED) {
      blockedSince = null;
      return verdict;
    }
    blockedSince = blockedSince == null ? now : blockedSince;
    Duration blocked = Duration.between(blockedSince, now);
    return blocked.compareTo(ConvergenceRules.UNSCHEDULABLE_GRACE) < 0
        ? verdict
        : Verdict.failed(
            verdict.progress() + " (for " + seconds(blocked) + ")", verdict.failedTasks());
  }

  private Instant windowStart(ServiceSnapshot snapshot, Instant now) {
    Instant lastStarted = snapshot.tasks().stream()
        .filter(Tasks::isRunning)
        .map(Tasks::changedAt)
        .max(Instant::compareTo)
        .orElse(now);
    boolean runningBeforeTheDeploy =
        lastStarted.isBefore(snapshot.since()) && lastStarted.isAfter(notRunningSeen);
    return runningBeforeTheDeploy ? lastStarted : now;
  }

  public String name() {
    return name;
  }

  public boolean isConverged() {
    return convergedAfter != null;
  }

  public boolean isFailed() {
    return last != null && last.kind() == Kind.FAILED;
  }

  /** The latest verdict; null before the first observation (the service was not found yet). */
  public Verdict verdict() {
    return last;
  }

  /** Empty unless converged. */
  public Optional<Duration> convergedAfter() {
    return Optional.ofNullable(convergedAfter);
  }

  /** When the running service's window ends, so the watcher can look again right then; empty if not running. */
  public Optional<Instant> windowEnd() {
    return runningSince == null || isConverged()
        ? Optional.empty()
        : Optional.of(runningSince.plus(monitor));
  }

  /** {@code , left out: m1 (down)} when a global service converged without a node that is not live; else empty. */
  public String leftOut() {
    return leftOut;
  }

  /** The last progress text shown; empty before the first. */
  public String shown() {
    return shown;
  }

  static String seconds(Duration duration) {
    return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }
}
