package dev.swarmstack.swarm.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.capacity.LiveCapacityCheck;
import dev.swarmstack.swarm.convert.ContentHash;
import dev.swarmstack.swarm.convert.ConvertedStack;
import dev.swarmstack.swarm.convert.VersionNames;
import dev.swarmstack.swarm.deploy.DeployPlan.ObjectWrite;
import dev.swarmstack.swarm.deploy.PlannedChange.Change;
import dev.swarmstack.swarm.engine.EngineObject;
import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.model.Network;
import dev.swarmstack.swarm.network.NetworkDrift;
import dev.swarmstack.swarm.network.NetworkDrift.Difference;
import dev.swarmstack.swarm.problem.Origin;
import dev.swarmstack.swarm.problem.Problem;
import dev.swarmstack.swarm.problem.Problems;
import dev.swarmstack.swarm.stack.DeployLog;
import dev.swarmstack.swarm.stack.StackLabels;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads the swarm and decides what a deploy writes, checking everything that can fail (external networks, foreign
 * objects in the way, changed secret content, missing references) so that a failing deploy writes nothing.
 */
final class Planner {

  private final SwarmEngine engine;
  private final DeployLog log;

  Planner(SwarmEngine engine, DeployLog log) {
    this.engine = engine;
    this.log = log;
  }

  DeployPlan plan(String namespace, ConvertedStack stack, DeployOptions options) {
    DeployPlan plan = new DeployPlan(namespace);
    Problems problems = new Problems();
    Map<String, String> stackLabel = StackLabels.of(namespace);
    Map<String, EngineObject> stackServices = byName(engine.listServices(stackLabel));
    Map<String, EngineObject> stackNetworks = byName(engine.listNetworks(stackLabel));
    Map<String, EngineObject> allSecrets = byName(engine.listSecrets(Map.of()));
    Map<String, EngineObject> allConfigs = byName(engine.listConfigs(Map.of()));
    allSecrets.forEach((name, secret) -> plan.secretIds.put(name, secret.id()));
    allConfigs.forEach((name, config) -> plan.configIds.put(name, config.id()));
    for (EngineObject network : engine.listNetworks(Map.of())) {
      plan.networkIds.put(network.name(), network.id());
      plan.networkIds.put(network.id(), network.id());
    }
    addPredefinedSwarmNetworks(plan, stackServices.values());

    if (options.prune()) {
      planRemovals(plan, "service", stackServices, stack.services(), plan.servicesToRemove);
    }
    checkExternalNetworks(stack.externalNetworks(), problems);
    new LiveCapacityCheck(engine).check(stack, problems);
    new LivePortCheck(engine).check(stack, plan.servicesToRemove, problems);
    planNetworks(plan, stack.networks(), stackNetworks, problems);
    planFileObjects(plan, "secret", stack.secrets(), ours(allSecrets, namespace), plan.secretWrites, problems);
    planFileObjects(plan, "config", stack.configs(), ours(allConfigs, namespace), plan.configWrites, problems);
    new ServicePlanner(engine, options, log).plan(plan, stack, stackServices, problems);
    if (options.prune()) {
      // old versions of declared objects go after the deploy converged (VersionCleanup): a rollback needs them
      planRemovals(plan, "secret", withoutVersionsOf(stack.secrets().keySet(), ours(allSecrets, namespace)),
          stack.secrets(), plan.secretsToRemove);
      planRemovals(plan, "config", withoutVersionsOf(stack.configs().keySet(), ours(allConfigs, namespace)),
          stack.configs(), plan.configsToRemove);
      planRemovals(plan, "network", stackNetworks, stack.networks(), plan.networksToRemove);
      if (!options.pruneAllServices()) {
        refusePruningEveryService(plan, stackServices.size());
      }
    }
    problems.throwIfErrors();
    return plan;
  }

  /**
   * A service on a node's host network is stored with the id of the swarm's predefined network of that name, which
   * the network list doesn't show (it lists the node's own): found from the deployed attachments, it replaces the
   * node's id, so that an unchanged service compares equal.
   */
  private void addPredefinedSwarmNetworks(DeployPlan plan, Collection<EngineObject> services) {
    for (EngineObject service : services) {
      for (JsonNode attachment : service.spec().path("TaskTemplate").path("Networks")) {
        String id = attachment.path("Target").asText();
        if (!plan.networkIds.containsKey(id)) {
          engine.inspectNetwork(id).ifPresent(network -> {
            plan.networkIds.put(network.name(), network.id());
            plan.networkIds.put(network.id(), network.id());
          });
        }
      }
    }
  }

  private void checkExternalNetworks(Set<String> externalNetworks, Problems problems) {
    for (String name : externalNetworks) {
      if (Network.isBuiltIn(name)) {
        continue;
      }
      Optional<EngineObject> network = engine.inspectNetwork(name);
      String scope = network.map(n -> n.raw().path("Scope").asText()).orElse("");
      if (network.isEmpty()) {
        problems.error(Origin.UNKNOWN, "network \"" + name + "\" is declared as external, but could not be found."
            + " You need to create a swarm-scoped network before the stack is deployed");
      } else if (!scope.equals("swarm")) {
        problems.error(Origin.UNKNOWN, "network \"" + name + "\" is declared as external, but it is not in the right"
            + " scope: \"" + scope + "\" instead of \"swarm\"");
      }
    }
  }

  /**
   * The engine can't change a network in place, so an existing stack network is left as it is (as the CLI does), but
   * a changed declaration is reported; a network of that name outside the stack is an error, since the CLI's create
   * would fail halfway.
   */
  private void planNetworks(DeployPlan plan, SortedMap<String, ObjectNode> networks,
      Map<String, EngineObject> stackNetworks, Problems problems) {
    networks.forEach((name, request) -> {
      if (stackNetworks.containsKey(name)) {
        List<Difference> drift = NetworkDrift.of(request, stackNetworks.get(name).raw());
        String detail = drift.isEmpty() ? "" : NetworkDrift.describe(drift) + " differ from the deployed network,"
            + " which the engine cannot change: remove the stack (swarm:rm) and deploy again to apply them";
        if (!drift.isEmpty()) {
          log.warn("network " + name + ": " + detail);
        }
        plan.add("network", name, Change.UNCHANGED, detail);
      } else if (engine.inspectNetwork(name).isPresent()) {
        problems.error(Origin.UNKNOWN, "network \"" + name + "\" already exists and does not belong to stack \""
            + plan.namespace + "\". Remove it, or declare it external: true to use it as it is");
      } else {
        plan.networkWrites.add(new ObjectWrite(name, request, null));
        plan.add("network", name, Change.CREATE, "");
      }
    });
  }

  private void planFileObjects(DeployPlan plan, String kind, SortedMap<String, ObjectNode> declared,
      Map<String, EngineObject> ours, List<ObjectWrite> writes, Problems problems) {
    Map<String, String> ids = kind.equals("secret") ? plan.secretIds : plan.configIds;
    declared.forEach((name, declaredSpec) -> {
      ObjectNode spec = declaredSpec.deepCopy();
      String hash = ContentHash.of(spec);
      spec.withObjectProperty("Labels").put(StackLabels.CONTENT_HASH, hash);
      EngineObject existing = ours.get(name);
      if (existing == null && ids.containsKey(name)) {
        problems.error(Origin.UNKNOWN, kind + " \"" + name + "\" already exists and does not belong to stack \""
            + plan.namespace + "\". Declare it external: true to use it, or give this " + kind + " another name");
        return;
      }
      if (existing == null) {
        writes.add(new ObjectWrite(name, spec, null));
        plan.add(kind, name, Change.CREATE, "");
        return;
      }
      String deployedHash = StackLabels.label(existing, StackLabels.CONTENT_HASH);
      if (deployedHash == null) {
        plan.add(kind, name, Change.UNCHANGED, "content not compared: it was deployed without "
            + StackLabels.CONTENT_HASH + ", e.g. by docker stack deploy");
      } else if (!deployedHash.equals(hash)) {
        // listed in the plan (swarm:diff shows it); deploying it fails before the first write
        plan.add(kind, name, Change.UPDATE, "new content, which the engine can't apply in place");
        plan.blockers.add(Problem.error(Origin.UNKNOWN, kind + " \"" + name + "\" has new content, but the engine"
            + " cannot change the content of an existing " + kind + " (only its labels). Turn on rotation"
            + " (swarm.rotate=true, the default, or <rotate>true</rotate>): each content then gets a " + kind
            + " of its own, named " + name + "-<hash of the content>, and the services using it switch to it in a"
            + " rolling update. Or give it a new name yourself (name: " + name + "_v2), or remove the stack first"));
      } else if (existing.spec().path("Labels").equals(spec.path("Labels"))) {
        plan.add(kind, name, Change.UNCHANGED, "");
      } else {
        writes.add(new ObjectWrite(name, spec, existing));
        plan.add(kind, name, Change.UPDATE, "labels");
      }
    });
  }

  private static void planRemovals(DeployPlan plan, String kind, Map<String, EngineObject> deployed,
      Map<String, ?> declared, List<EngineObject> removals) {
    deployed.forEach((name, object) -> {
      if (!declared.containsKey(name)) {
        removals.add(object);
        plan.add(kind, name, Change.REMOVE, "no longer declared");
      }
    });
  }

  /**
   * A prune that removes every service of a live stack is more often a wrong stack name or compose file than a wish,
   * so it takes a confirmation of its own; the refusal lists what would go.
   */
  private static void refusePruningEveryService(DeployPlan plan, int liveServices) {
    if (liveServices == 0 || plan.servicesToRemove.size() < liveServices) {
      return;
    }
    String removals = Stream.of(named("services", plan.servicesToRemove), named("networks", plan.networksToRemove),
            named("secrets", plan.secretsToRemove), named("configs", plan.configsToRemove))
        .filter(part -> !part.isEmpty()).collect(Collectors.joining("; "));
    plan.blockers.add(Problem.error(Origin.UNKNOWN, "pruning would remove every service of stack " + plan.namespace()
        + " (" + removals + "). Check the stack name and the services declared; to remove them all, set "
        + DeployOptions.PRUNE_ALL_SERVICES_PROPERTY + "=true"));
  }

  private static String named(String kind, List<EngineObject> objects) {
    return objects.isEmpty() ? "" : kind + " " + objects.stream().map(EngineObject::name).sorted().collect(Collectors.joining(", "));
  }

  private static Map<String, EngineObject> withoutVersionsOf(Set<String> declared, Map<String, EngineObject> deployed) {
    Map<String, EngineObject> others = new java.util.TreeMap<>(deployed);
    others.keySet().removeIf(name -> declared.stream().anyMatch(current -> VersionNames.sameObject(name, current)));
    return others;
  }

  /** Sorted by name, so that plans and writes come in a stable order. */
  static Map<String, EngineObject> byName(List<EngineObject> objects) {
    return objects.stream().collect(Collectors.toMap(EngineObject::name, Function.identity(), (a, b) -> a,
        java.util.TreeMap::new));
  }

  private static Map<String, EngineObject> ours(Map<String, EngineObject> objects, String namespace) {
    return objects.entrySet().stream()
        .filter(e -> namespace.equals(StackLabels.label(e.getValue(), StackLabels.NAMESPACE)))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, java.util.TreeMap::new));
  }
}
