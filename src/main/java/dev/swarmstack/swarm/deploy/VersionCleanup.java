package dev.swarmstack.swarm.deploy;

import static dev.swarmstack.swarm.deploy.ParallelReads.result;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmstack.swarm.convert.ConvertedStack;
import dev.swarmstack.swarm.convert.VersionNames;
import dev.swarmstack.swarm.engine.EngineException;
import dev.swarmstack.swarm.engine.EngineObject;
import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.history.RevisionReferences;
import dev.swarmstack.swarm.problem.Setting;
import dev.swarmstack.swarm.stack.DeployLog;
import dev.swarmstack.swarm.stack.StackLabels;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Removes the old versions of a stack's rotated secrets and configs once the deploy has converged: objects of this
 * stack (its namespace label and the plugin's content hash) that are an earlier version of a declared one (see
 * {@link VersionNames#sameObject}) and that no service of the swarm uses any more, nor a revision the stack's
 * history keeps; also those that only revisions just dropped from the history used. Before convergence they must
 * stay, since a rollback goes back to them. Objects no longer declared at all are left to pruning; nothing outside
 * the stack is touched.
 */
final class VersionCleanup {

  private final SwarmEngine engine;
  private final DeployLog log;

  VersionCleanup(SwarmEngine engine, DeployLog log) {
    this.engine = engine;
    this.log = log;
  }

  /** Removes them; a removal the engine refuses is reported and skipped, as the deploy itself succeeded. */
  void removeUnused(String namespace, ConvertedStack stack, RevisionReferences history) {
    OldVersions old = oldVersions(namespace, stack, history);
    old.secrets().forEach(secret -> remove("secret", secret, engine::removeSecret));
    old.configs().forEach(config -> remove("config", config, engine::removeConfig));
  }

  /** A detached deploy doesn't know whether the update sticks: the old versions stay. */
  void keep(String namespace, ConvertedStack stack, RevisionReferences history) {
    OldVersions old = oldVersions(namespace, stack, history);
    List<String> kept = Stream.concat(old.secrets().stream(), old.configs().stream())
        .map(EngineObject::name)
        .toList();
    if (!kept.isEmpty()) {
      log.info(
          "Keeping " + kept.size() + " old secret/config version(s) (" + String.join(", ", kept)
              + "): with " + log.terms().name(Setting.DETACH)
              + " the swarm may still roll back to them; the next deploy that waits removes them");
    }
  }

  private record OldVersions(List<EngineObject> secrets, List<EngineObject> configs) {}

  private OldVersions oldVersions(
      String namespace, ConvertedStack stack, RevisionReferences history) {
    Map<String, String> label = StackLabels.of(namespace);
    try (ParallelReads reads = new ParallelReads()) {
      Future<List<EngineObject>> secrets = reads.start(() -> engine.listSecrets(label));
      Future<List<EngineObject>> configs = reads.start(() -> engine.listConfigs(label));
      Set<String> used = usedIds();
      return new OldVersions(
          unused(result(secrets), stack.secrets().keySet(), used, history),
          unused(result(configs), stack.configs().keySet(), used, history));
    }
  }

  private static List<EngineObject> unused(
      List<EngineObject> objects,
      Set<String> declared,
      Set<String> used,
      RevisionReferences history) {
    return objects.stream()
        .filter(object -> StackLabels.label(object, StackLabels.CONTENT_HASH) != null)
        .filter(object -> !declared.contains(object.name()) && !used.contains(object.id()))
        .filter(object -> !history.kept().contains(object.name()))
        .filter(object -> history.released().contains(object.name())
            || declared.stream()
                .anyMatch(current -> VersionNames.sameObject(object.name(), current)))
        .toList();
  }

  /** Ids of every secret and config that a service's current spec refers to, in any stack or none. */
  private Set<String> usedIds() {
    Set<String> ids = new HashSet<>();
    for (EngineObject service : engine.listServices(Map.of())) {
      JsonNode container = service.spec().path("TaskTemplate").path("ContainerSpec");
      container
          .path("Secrets")
          .forEach(reference -> ids.add(reference.path("SecretID").asText()));
      container
          .path("Configs")
          .forEach(reference -> ids.add(reference.path("ConfigID").asText()));
      ids.add(container.path("Privileges").path("CredentialSpec").path("Config").asText());
    }
    return ids;
  }

  private void remove(String kind, EngineObject object, Consumer<String> removal) {
    try {
      log.info("Removing old version " + object.name() + " of " + kind + " (no service uses it)");
      removal.accept(object.id());
    } catch (EngineException e) {
      log.warn(
          "Could not remove old " + kind + " version " + object.name() + ": " + e.getMessage());
    }
  }
}
