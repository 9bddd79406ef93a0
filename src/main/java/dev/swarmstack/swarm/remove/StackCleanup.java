package dev.swarmstack.swarm.remove;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmstack.swarm.engine.EngineException;
import dev.swarmstack.swarm.engine.EngineObject;
import dev.swarmstack.swarm.engine.Polling;
import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.stack.DeployLog;
import dev.swarmstack.swarm.stack.StackLabels;
import dev.swarmstack.swarm.watch.SwarmNodes;
import dev.swarmstack.swarm.watch.Tasks;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Removing stack objects in an order the engine accepts: a network can't go while containers are still attached
 * to it, and those go some time after their service (the CLI doesn't wait, and leaks networks: moby#37338).
 */
public final class StackCleanup {

  /** How often tasks are polled while waiting for them to stop. */
  static final Duration POLL_INTERVAL = Duration.ofMillis(500);

  private final SwarmEngine engine;
  private final DeployLog log;
  private final Duration timeout;

  public StackCleanup(SwarmEngine engine, DeployLog log, Duration timeout) {
    this.engine = engine;
    this.log = log;
    this.timeout = timeout;
  }

  public void removeServices(Collection<EngineObject> services) {
    for (EngineObject service : services) {
      log.info("Removing service " + service.name());
      engine.removeService(service.id());
    }
  }

  /** Waits until no task of the given services runs any more (or the timeout passes: then says so and goes on). */
  public void awaitTasksGone(String namespace, Collection<EngineObject> services) {
    if (services.isEmpty()) {
      return;
    }
    Set<String> serviceIds = services.stream().map(EngineObject::id).collect(Collectors.toSet());
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      Set<String> live = SwarmNodes.of(engine.listNodes()).live();
      Map<Boolean, Long> runningByLiveNode =
          engine.listTasks(StackLabels.taskFilter(namespace)).stream()
              .filter(task -> serviceIds.contains(task.path("ServiceID").asText()))
              .filter(task -> !Tasks.hasEnded(task))
              .collect(
                  Collectors.partitioningBy(task -> onLiveNode(task, live), Collectors.counting()));
      long remaining = runningByLiveNode.get(true);
      if (remaining == 0) {
        if (runningByLiveNode.get(false) > 0) {
          log.info(runningByLiveNode.get(false)
              + " task(s) of the removed services are on nodes that are down;"
              + " not waiting for them: the swarm stops them when their node is back");
        }
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        log.warn(remaining + " task(s) of the removed services still running after "
            + timeout.toSeconds() + " s; going on, removing networks may fail");
        return;
      }
      Polling.pause(POLL_INTERVAL);
    }
  }

  public void removeSecrets(Collection<EngineObject> secrets) {
    for (EngineObject secret : secrets) {
      log.info("Removing secret " + secret.name());
      engine.removeSecret(secret.id());
    }
  }

  public void removeConfigs(Collection<EngineObject> configs) {
    for (EngineObject config : configs) {
      log.info("Removing config " + config.name());
      engine.removeConfig(config.id());
    }
  }

  /**
   * Retries a network that is still in use until the timeout: its last containers may still be stopping. One held by
   * something that won't stop by itself (a container attached with {@code docker run --network}, another stack's
   * service) fails at once, naming it and what to do.
   */
  public void removeNetworks(Collection<EngineObject> networks) {
    for (EngineObject network : networks) {
      log.info("Removing network " + network.name());
      removeOnceFree(() -> engine.removeNetwork(network.id()), refused -> NetworkHolder.of(
              refused, network, engine, log.terms())
          .map(holder -> new Refusal(holder.explain(network, refused), holder.stopping()))
          .orElse(new Refusal(refused, true)));
      awaitNetworkGone(network);
    }
  }

  /**
   * A node that had a container attached to the network drops its local copy some time after the manager removed it;
   * until then the network is still listed, and creating one of the same name (deploying again) fails.
   */
  private void awaitNetworkGone(EngineObject network) {
    Instant deadline = Instant.now().plus(timeout);
    while (engine.inspectNetwork(network.id()).isPresent()) {
      if (Instant.now().isAfter(deadline)) {
        log.warn("network " + network.name() + " was removed but is still listed after "
            + timeout.toSeconds() + " s");
        return;
      }
      Polling.pause(POLL_INTERVAL);
    }
  }

  /** Volumes, like networks, stay in use until the containers that mounted them are gone. */
  public void removeVolumes(Collection<EngineObject> volumes) {
    for (EngineObject volume : volumes) {
      log.info("Removing volume " + volume.name());
      removeOnceFree(
          () -> engine.removeVolume(volume.name()), refused -> new Refusal(refused, true));
    }
  }

  /** What a refused removal means: the failure to report, and whether waiting may still see it through. */
  private record Refusal(EngineException report, boolean worthWaiting) {}

  private void removeOnceFree(Runnable removal, Function<EngineException, Refusal> meaning) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      try {
        removal.run();
        return;
      } catch (EngineException e) {
        if (e.isNotFound()) {
          return;
        }
        Refusal refusal = meaning.apply(e);
        if (!refusal.worthWaiting() || Instant.now().isAfter(deadline)) {
          throw refusal.report();
        }
        Polling.pause(POLL_INTERVAL);
      }
    }
  }

  /** A task on a node that is down can't stop until the node is back: waiting for it would only use up the timeout. */
  private static boolean onLiveNode(JsonNode task, Set<String> live) {
    String node = task.path("NodeID").asText("");
    return node.isEmpty() || live.contains(node);
  }
}
