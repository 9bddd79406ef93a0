package dev.swarmstack.swarm.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.engine.EngineException;
import dev.swarmstack.swarm.engine.EngineObject;
import dev.swarmstack.swarm.engine.EventSubscription;
import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.stack.StackLabels;
import dev.swarmstack.swarm.watch.WatchResult.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Watches every service of a stack at once until all have converged, one has failed, or the timeout runs out.
 *
 * <p>Each round reads the whole stack in three calls (its services, its up-to-date tasks, the nodes) and judges
 * every service; the stability windows of all services therefore run side by side. A round starts when the
 * engine's event stream reports a service or container change, and at the latest after {@link #HEARTBEAT}: task
 * state changes on other nodes produce no event on this manager, and a stability window ends without any event,
 * so the heartbeat (and the end of the nearest window) bounds how late a change is seen.
 */
public final class StackWatcher {

  static final Duration HEARTBEAT = Duration.ofSeconds(1);
  /** After an event, wait this long so that a burst of events costs one round, not one each. */
  static final Duration DEBOUNCE = Duration.ofMillis(100);

  private final SwarmEngine engine;
  private final Consumer<String> progress;
  private final Duration timeout;
  private final int logLines;
  private Ownership ownership = Ownership.NONE;

  /**
   * @param progress gets one line per change of a service's state ({@code api   2/3 running})
   * @param logLines how many log lines of a failed task the report shows
   */
  public StackWatcher(
      SwarmEngine engine, Consumer<String> progress, Duration timeout, int logLines) {
    this.engine = engine;
    this.progress = progress;
    this.timeout = timeout;
    this.logLines = logLines;
  }

  /** Ends the watch when another writer changes a service this deploy wrote ({@link Ownership}). */
  public StackWatcher owning(Ownership written) {
    this.ownership = written;
    return this;
  }

  /**
   * @param serviceNames full service names to watch
   * @param since when the deploy started writing: older failed tasks are not this deploy's failures
   */
  public WatchResult watch(String namespace, Collection<String> serviceNames, Instant since) {
    Instant start = Instant.now();
    Instant deadline = start.plus(timeout);
    String prefix = namespace + "_";
    Map<String, ServiceTracker> trackers = new TreeMap<>();
    serviceNames.forEach(name -> trackers.put(
        name,
        new ServiceTracker(
            name.startsWith(prefix) ? name.substring(prefix.length()) : name, start)));
    List<ServiceTracker> services = List.copyOf(trackers.values());
    int width = services.stream().mapToInt(s -> s.name().length()).max().orElse(0);
    Semaphore wake = new Semaphore(0);
    try (EventSubscription events = engine.subscribeEvents(
        Map.of("type", List.of("service", "container")), event -> wake.release())) {
      while (true) {
        wake.drainPermits();
        Instant now = Instant.now();
        SwarmNodes nodes = SwarmNodes.of(engine.listNodes());
        Map<String, ObjectNode> live = observe(namespace, trackers, nodes, since, now, width);
        List<String> changedByOthers = ownership.changedByOthers(live);
        if (!changedByOthers.isEmpty()) {
          return new WatchResult(Outcome.CHANGED_BY_OTHERS, services, changedByOthers);
        }
        if (services.stream().anyMatch(ServiceTracker::isFailed)) {
          return new WatchResult(
              Outcome.FAILED,
              services,
              new FailureReport(engine, logLines).failed(services, nodes));
        }
        if (services.stream().allMatch(ServiceTracker::isConverged)) {
          return new WatchResult(Outcome.CONVERGED, services, List.of());
        }
        if (!now.isBefore(deadline)) {
          return new WatchResult(
              Outcome.TIMED_OUT,
              services,
              FailureReport.timedOut(services, timeout.toSeconds() + " s", nodes));
        }
        awaitNextRound(wake, nextRound(services, now, deadline), now);
      }
    }
  }

  /** The stack's tasks that also match {@code key=value}, by service id. */
  private Map<String, List<ObjectNode>> tasksByService(String namespace, String key, String value) {
    Map<String, List<String>> filter = new HashMap<>(StackLabels.taskFilter(namespace));
    filter.put(key, List.of(value));
    return byService(engine.listTasks(filter));
  }

  /** @return the stack's services as read in this round, by name */
  private Map<String, ObjectNode> observe(
      String namespace,
      Map<String, ServiceTracker> trackers,
      SwarmNodes nodes,
      Instant since,
      Instant now,
      int width) {
    Map<String, ObjectNode> services = new TreeMap<>();
    for (EngineObject service : engine.listServices(StackLabels.of(namespace))) {
      services.put(service.name(), service.raw());
    }
    Map<String, List<ObjectNode>> tasksByService = tasksByService(namespace, "_up-to-date", "true");
    // which nodes global services are meant to cover: one more call, only when there is one
    boolean anyGlobal =
        services.values().stream().anyMatch(s -> s.path("Spec").path("Mode").has("Global"));
    Map<String, List<ObjectNode>> assignedByService =
        anyGlobal ? tasksByService(namespace, "desired-state", "running") : Map.of();
    trackers.forEach((name, tracker) -> {
      ObjectNode service = services.get(name);
      if (service == null) {
        return; // not created yet, or removed by someone else: the timeout will tell
      }
      String id = service.path("ID").asText();
      ServiceSnapshot snapshot = new ServiceSnapshot(
          service,
          tasksByService.getOrDefault(id, List.of()),
          nodes,
          since,
          assignedByService.getOrDefault(id, List.of()));
      tracker
          .observe(snapshot, now)
          .ifPresent(
              text -> progress.accept(String.format("%-" + width + "s  %s", tracker.name(), text)));
    });
    return services;
  }

  private static Map<String, List<ObjectNode>> byService(List<ObjectNode> tasks) {
    return tasks.stream()
        .collect(Collectors.groupingBy(task -> task.path("ServiceID").asText()));
  }

  private static Instant nextRound(List<ServiceTracker> services, Instant now, Instant deadline) {
    List<Instant> candidates = new ArrayList<>(List.of(now.plus(HEARTBEAT), deadline));
    services.stream()
        .map(ServiceTracker::windowEnd)
        .flatMap(Optional::stream)
        .forEach(candidates::add);
    return candidates.stream().min(Instant::compareTo).orElseThrow();
  }

  private static void awaitNextRound(Semaphore wake, Instant next, Instant now) {
    long millis = Math.max(1, Duration.between(now, next).toMillis());
    try {
      if (wake.tryAcquire(millis, TimeUnit.MILLISECONDS)) {
        Thread.sleep(DEBOUNCE.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException("interrupted while waiting for the stack to converge", 0, e);
    }
  }
}
