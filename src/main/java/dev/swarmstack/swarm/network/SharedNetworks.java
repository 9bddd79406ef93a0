package dev.swarmstack.swarm.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.engine.EngineObject;
import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.network.NetworkDrift.Difference;
import dev.swarmstack.swarm.problem.Command;
import dev.swarmstack.swarm.problem.Problems;
import dev.swarmstack.swarm.problem.Setting;
import dev.swarmstack.swarm.remove.StackCleanup;
import dev.swarmstack.swarm.stack.DeployLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates and removes the networks declared under {@code <sharedNetworks>}. Idempotent: what exists as declared is left
 * alone, so every module of a reactor may run it. Everything is checked before anything is written: a drifted or
 * foreign network fails the goal with nothing changed.
 */
public final class SharedNetworks {

  private final SwarmEngine engine;
  private final DeployLog log;
  private final StackCleanup cleanup;

  /** @param timeout how long a removed network may stay in use while its last containers stop */
  public SharedNetworks(SwarmEngine engine, DeployLog log, Duration timeout) {
    this.engine = engine;
    this.log = log;
    this.cleanup = new StackCleanup(engine, log, timeout);
  }

  /**
   * Creates what is missing. A network that differs from its declaration fails the goal, naming each difference,
   * unless {@code recreate} is set: then it is removed and created again, but only when nothing is attached to it.
   */
  public void create(List<SharedNetwork> networks, boolean recreate) {
    requireManager(networks);
    Problems problems = new Problems();
    List<Runnable> writes = new ArrayList<>();
    for (SharedNetwork network : networks) {
      List<ObjectNode> requests = SharedNetworkRequests.of(network);
      List<Optional<EngineObject>> existing = existing(requests);
      if (existing.stream().anyMatch(e -> e.isPresent() && !isManaged(network, e.get()))) {
        problems.error(
            network.origin(),
            "network " + network.name() + " already exists, but "
                + log.terms().run(Command.NETWORKS) + " did not create it (it has no label "
                + SharedNetworkRequests.MANAGED_LABEL + "): remove it (docker network rm "
                + network.name() + ") or give the shared network another name");
        continue;
      }
      List<Difference> drift = new ArrayList<>();
      for (int i = 0; i < requests.size(); i++) {
        ObjectNode request = requests.get(i);
        existing.get(i).ifPresent(found -> drift.addAll(NetworkDrift.of(request, found.raw())));
      }
      if (drift.isEmpty()) {
        planMissing(network, requests, existing, writes);
      } else if (!recreate) {
        problems.error(
            network.origin(),
            "network " + network.name() + " differs from its declaration: "
                + NetworkDrift.describe(drift)
                + ". The engine can't change a network: change the declaration back, or"
                + " run with " + log.terms().set(Setting.NETWORKS_RECREATE, "true")
                + " to remove it and create it anew (only possible while nothing"
                + " is attached to it)");
      } else if (checkDetached(network, existing, problems, "recreated")) {
        log.info("Network " + network.name() + " differs (" + NetworkDrift.describe(drift)
            + "): recreating it");
        writes.add(() -> removeAll(existing));
        planMissing(
            network,
            requests,
            requests.stream().map(r -> Optional.<EngineObject>empty()).toList(),
            writes);
      }
    }
    problems.throwIfErrors();
    writes.forEach(Runnable::run);
  }

  /**
   * Removes the declared networks that swarm:networks created; a network of the same name that it did not create is
   * left alone with a warning. Fails, removing nothing, while anything is attached.
   */
  public void remove(List<SharedNetwork> networks) {
    requireManager(networks);
    Problems problems = new Problems();
    List<List<Optional<EngineObject>>> removals = new ArrayList<>();
    for (SharedNetwork network : networks) {
      List<Optional<EngineObject>> existing = existing(SharedNetworkRequests.of(network));
      if (existing.stream().allMatch(Optional::isEmpty)) {
        log.info("Network " + network.name() + " not found: nothing to remove");
      } else if (existing.stream().anyMatch(e -> e.isPresent() && !isManaged(network, e.get()))) {
        log.warn("Network " + network.name()
            + " left as it is: " + log.terms().run(Command.NETWORKS)
            + " did not create it (it has no label "
            + SharedNetworkRequests.MANAGED_LABEL + ")");
      } else if (checkDetached(network, existing, problems, "removed")) {
        removals.add(existing);
      }
    }
    problems.throwIfErrors();
    removals.forEach(this::removeAll);
  }

  /** What the engine has under each request's name, in the order of the requests. */
  private List<Optional<EngineObject>> existing(List<ObjectNode> requests) {
    return requests.stream()
        .map(request -> engine.inspectNetwork(name(request)))
        .toList();
  }

  private void requireManager(List<SharedNetwork> networks) {
    if (networks.stream().anyMatch(network -> !network.isLocal())) {
      engine.info().requireManager(engine.address(), log.terms());
    }
  }

  private void planMissing(
      SharedNetwork network,
      List<ObjectNode> requests,
      List<Optional<EngineObject>> existing,
      List<Runnable> writes) {
    List<ObjectNode> missing = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      if (existing.get(i).isEmpty()) {
        missing.add(requests.get(i));
      }
    }
    if (missing.isEmpty()) {
      log.info("Network " + network.name() + " is up to date");
      return;
    }
    writes.add(() -> missing.forEach(request -> {
      log.info("Creating network " + name(request) + describe(request));
      engine.createNetwork(request);
    }));
  }

  /**
   * The swarm-scoped network goes first: the engine refuses to remove a config-only network still in use. Returns once
   * the names are free again (see {@link StackCleanup#removeNetworks}): creating a network while its namesake lingers
   * fails with "already exists".
   */
  private void removeAll(List<Optional<EngineObject>> existing) {
    List<EngineObject> present =
        new ArrayList<>(existing.stream().flatMap(Optional::stream).toList());
    Collections.reverse(present);
    cleanup.removeNetworks(present);
  }

  /**
   * Adds an error naming what is attached to the network, if anything: services using it anywhere in the swarm and
   * containers on this node. The network's own load-balancer endpoint is not counted: it goes with the last service,
   * and removal waits for that.
   */
  private boolean checkDetached(
      SharedNetwork network,
      List<Optional<EngineObject>> existing,
      Problems problems,
      String action) {
    List<String> attached = new ArrayList<>();
    List<EngineObject> services = engine.listServices(Map.of());
    for (EngineObject found : existing.stream().flatMap(Optional::stream).toList()) {
      for (EngineObject service : services) {
        for (JsonNode attachment : service.spec().path("TaskTemplate").path("Networks")) {
          String target = attachment.path("Target").asText();
          if (target.equals(found.id()) || target.equals(found.name())) {
            attached.add("service " + service.name());
          }
        }
      }
      found.raw().path("Containers").properties().forEach(container -> {
        if (!isLoadBalancer(found, container.getKey(), container.getValue())) {
          attached.add("container " + container.getValue().path("Name").asText(container.getKey()));
        }
      });
    }
    if (attached.isEmpty()) {
      return true;
    }
    problems.error(
        network.origin(),
        "network " + network.name() + " can't be " + action + " while in use by "
            + String.join(", ", attached.stream().distinct().sorted().toList())
            + ": remove them first (" + log.terms().run(Command.RM) + " for the"
            + " stacks that use it, docker rm for containers), then run again");
    return false;
  }

  /**
   * Whether an entry of the network's {@code Containers} is its load-balancer endpoint, named
   * {@code <network>-endpoint}: keyed {@code lb-<network>} while it has its sandbox, and {@code ep-<endpoint id>}
   * while the node tears it down after the last service left.
   */
  private static boolean isLoadBalancer(EngineObject network, String key, JsonNode endpoint) {
    return key.startsWith("lb-")
        || key.startsWith("ep-")
            && endpoint.path("Name").asText().equals(network.name() + "-endpoint");
  }

  /**
   * Networks created by swarm:networks carry its label; the swarm half of a macvlan or ipvlan pair can't have labels,
   * so it counts as managed when it is made from the declared config-only network.
   */
  private static boolean isManaged(SharedNetwork network, EngineObject found) {
    JsonNode raw = found.raw();
    return raw.path("Labels").has(SharedNetworkRequests.MANAGED_LABEL)
        || network.needsConfigNetwork()
            && raw.path("ConfigFrom").path("Network").asText().equals(network.configNetworkName());
  }

  private static String name(ObjectNode request) {
    return request.path("Name").asText();
  }

  private String describe(ObjectNode request) {
    if (request.path("ConfigOnly").asBoolean()) {
      return " (config-only, on " + engine.address() + " only)";
    }
    String from = request.path("ConfigFrom").path("Network").asText("");
    return " (driver " + request.path("Driver").asText()
        + (from.isEmpty() ? "" : ", config from " + from) + ")";
  }
}
