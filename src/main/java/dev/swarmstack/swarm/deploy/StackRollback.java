package dev.swarmstack.swarm.deploy;

import dev.swarmstack.swarm.engine.EngineException;
import dev.swarmstack.swarm.engine.EngineObject;
import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.remove.StackCleanup;
import dev.swarmstack.swarm.stack.DeployLog;
import dev.swarmstack.swarm.stack.StackLabels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Puts a stack back as a {@link StackSnapshot} recorded it: updated services get their previous spec back, new
 * services are removed, pruned ones recreated, then new secrets, configs and networks are removed once the removed
 * services' tasks are gone. Goes
 * on past a step that fails, so that as much as possible is restored, and lists what could not be.
 */
final class StackRollback {

  private final SwarmEngine engine;
  private final DeployLog log;
  private final StackCleanup cleanup;

  StackRollback(SwarmEngine engine, DeployLog log, Duration timeout) {
    this.engine = engine;
    this.log = log;
    this.cleanup = new StackCleanup(engine, log, timeout);
  }

  /** @return what could not be restored, one line each; empty when everything was */
  List<String> restore(String namespace, StackSnapshot snapshot) {
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < snapshot.updatedServices().size(); i++) {
      EngineObject previous = snapshot.updatedServices().get(i);
      int index = i;
      attempt(
          problems,
          "restoring service " + previous.name(),
          () -> restoreSpec(previous, snapshot, index));
    }
    List<EngineObject> removed = new ArrayList<>();
    for (String name : snapshot.newServices()) {
      attempt(problems, "removing service " + name, () -> engine
          .inspectService(name)
          .ifPresent(service -> {
            log.info("Rollback: removing new service " + name);
            engine.removeService(service.id());
            removed.add(service);
          }));
    }
    // after the new services: one of them may hold a port a pruned service published
    for (EngineObject pruned : snapshot.prunedServices()) {
      attempt(problems, "recreating service " + pruned.name(), () -> recreate(pruned));
    }
    Map<String, String> stackLabel = StackLabels.of(namespace);
    attempt(
        problems,
        "waiting for the removed services' tasks to stop",
        () -> cleanup.awaitTasksGone(namespace, removed));
    attempt(
        problems,
        "removing new secrets",
        () -> removeNew(
            problems,
            "secret",
            snapshot.newSecrets(),
            engine.listSecrets(stackLabel),
            engine::removeSecret));
    attempt(
        problems,
        "removing new configs",
        () -> removeNew(
            problems,
            "config",
            snapshot.newConfigs(),
            engine.listConfigs(stackLabel),
            engine::removeConfig));
    attempt(
        problems,
        "removing new networks",
        () -> cleanup.removeNetworks(engine.listNetworks(stackLabel).stream()
            .filter(network -> snapshot.newNetworks().contains(network.name()))
            .toList()));
    return problems;
  }

  /** The previous spec goes back as the engine gave it; only the version is the current one. */
  private void restoreSpec(EngineObject previous, StackSnapshot snapshot, int index) {
    for (int attempt = 1; ; attempt++) {
      EngineObject current = engine
          .inspectService(previous.id())
          .orElseThrow(() -> new EngineException(
              "service " + previous.name() + " was removed during the deploy", 404, null));
      try {
        log.info("Rollback: restoring the previous spec of service " + previous.name());
        engine.updateService(
            current.id(),
            current.version(),
            previous.spec(),
            snapshot.credentials().get(index));
        return;
      } catch (EngineException e) {
        if (!e.isOutOfSequence() || attempt == Deployer.UPDATE_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /**
   * A pruned service comes back with its previous spec, under a new id. Its networks, secrets and configs are still
   * there: pruning removes them only after the deploy converged. No registry credentials: the image is pinned and was
   * running on the swarm's nodes.
   */
  private void recreate(EngineObject pruned) {
    if (engine.inspectService(pruned.name()).isEmpty()) {
      log.info("Rollback: recreating pruned service " + pruned.name());
      engine.createService(pruned.spec(), Optional.empty());
    }
  }

  private void removeNew(
      List<String> problems,
      String kind,
      List<String> names,
      List<EngineObject> existing,
      java.util.function.Consumer<String> remove) {
    Function<String, Optional<EngineObject>> byName =
        name -> existing.stream().filter(object -> object.name().equals(name)).findFirst();
    for (String name : names) {
      attempt(
          problems, "removing " + kind + " " + name, () -> byName.apply(name).ifPresent(object -> {
            log.info("Rollback: removing new " + kind + " " + name);
            remove.accept(object.id());
          }));
    }
  }

  private static void attempt(List<String> problems, String doing, Runnable step) {
    try {
      step.run();
    } catch (EngineException e) {
      problems.add(doing + ": " + e.getMessage());
    }
  }
}
