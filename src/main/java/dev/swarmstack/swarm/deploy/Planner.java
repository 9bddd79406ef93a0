package dev.swarmstack.swarm.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.capacity.LiveCapacityCheck;
import dev.swarmstack.swarm.convert.ContentHash;
import dev.swarmstack.swarm.convert.ConvertedStack;
import dev.swarmstack.swarm.convert.VersionNames;
import dev.swarmstack.swarm.deploy.DeployPlan.Kind;
import dev.swarmstack.swarm.deploy.DeployPlan.ObjectWrite;
import dev.swarmstack.swarm.deploy.PlannedChange.Change;
import dev.swarmstack.swarm.engine.EngineObject;
import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.history.StackHistory;
import dev.swarmstack.swarm.model.Network;
import dev.swarmstack.swarm.network.NetworkDrift;
import dev.swarmstack.swarm.network.NetworkDrift.Difference;
import dev.swarmstack.swarm.problem.Command;
import dev.swarmstack.swarm.problem.Origin;
import dev.swarmstack.swarm.problem.Problem;
import dev.swarmstack.swarm.problem.Problems;
import dev.swarmstack.swarm.problem.Setting;
import dev.swarmstack.swarm.problem.UserTerms;
import dev.swarmstack.swarm.stack.DeployLog;
import dev.swarmstack.swarm.stack.StackLabels;
import java.util.Collection;
import java.util.HashSet;
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
    DeployPlan.Builder plan = DeployPlan.builder(namespace);
    Problems problems = new Problems();
    SwarmState swarm = SwarmState.read(engine);
    Map<String, EngineObject> stackServices =
        byName(SwarmState.ofStack(swarm.services(), namespace));
    Map<String, EngineObject> allNetworks = byName(swarm.networks());
    Map<String, EngineObject> stackNetworks =
        byName(SwarmState.ofStack(swarm.networks(), namespace));
    Map<String, EngineObject> allSecrets = byName(swarm.secrets());
    Map<String, EngineObject> allConfigs = byName(swarm.configs());
    allSecrets.forEach((name, secret) -> plan.knowId(Kind.SECRET, name, secret.id()));
    allConfigs.forEach((name, config) -> plan.knowId(Kind.CONFIG, name, config.id()));
    for (EngineObject network : swarm.networks()) {
      plan.knowId(Kind.NETWORK, network.name(), network.id());
      plan.knowId(Kind.NETWORK, network.id(), network.id());
    }
    addPredefinedSwarmNetworks(plan, stackServices.values());

    if (options.prune()) {
      planRemovals(plan, Kind.SERVICE, stackServices, stack.services());
    }
    checkExternalNetworks(stack.externalNetworks(), allNetworks, problems);
    LiveCapacityCheck.check(
        stack, swarm.nodes(), swarm.networks(), swarm.services(), log.terms(), problems);
    LivePortCheck.check(stack, swarm.services(), plan.removals(Kind.SERVICE), problems);
    planNetworks(plan, stack.networks(), stackNetworks, allNetworks, problems);
    planFileObjects(plan, Kind.SECRET, stack.secrets(), ours(allSecrets, namespace), problems);
    planFileObjects(plan, Kind.CONFIG, stack.configs(), ours(allConfigs, namespace), problems);
    new ServicePlanner(engine, options, log).plan(plan, stack, stackServices, problems);
    if (options.prune()) {
      // old versions of declared objects go after the deploy converged (VersionCleanup), and those
      // a stored revision uses stay with it: a rollback needs them
      Set<String> inHistory = StackHistory.referencedNames(swarm.configs(), namespace);
      planRemovals(
          plan,
          Kind.SECRET,
          prunable(stack.secrets().keySet(), ours(allSecrets, namespace), inHistory),
          stack.secrets());
      planRemovals(
          plan,
          Kind.CONFIG,
          prunable(stack.configs().keySet(), ours(allConfigs, namespace), inHistory),
          stack.configs());
      planRemovals(plan, Kind.NETWORK, stackNetworks, stack.networks());
      if (!options.pruneAllServices()) {
        refusePruningEveryService(plan, stackServices.size(), log.terms());
      }
    }
    problems.throwIfErrors();
    return plan.build();
  }

  /**
   * A service on a node's host network is stored with the id of the swarm's predefined network of that name, which
   * the network list doesn't show (it lists the node's own): found from the deployed attachments, it replaces the
   * node's id, so that an unchanged service compares equal. Each such id is asked about once.
   */
  private void addPredefinedSwarmNetworks(
      DeployPlan.Builder plan, Collection<EngineObject> services) {
    Set<String> asked = new HashSet<>();
    for (EngineObject service : services) {
      for (JsonNode attachment : service.spec().path("TaskTemplate").path("Networks")) {
        String id = attachment.path("Target").asText();
        if (!plan.knownIds(Kind.NETWORK).containsKey(id) && asked.add(id)) {
          engine.inspectNetwork(id).ifPresent(network -> {
            plan.knowId(Kind.NETWORK, network.name(), network.id());
            plan.knowId(Kind.NETWORK, network.id(), network.id());
          });
        }
      }
    }
  }

  private static void checkExternalNetworks(
      Set<String> externalNetworks, Map<String, EngineObject> allNetworks, Problems problems) {
    for (String name : externalNetworks) {
      if (Network.isBuiltIn(name)) {
        continue;
      }
      Optional<EngineObject> network = Optional.ofNullable(allNetworks.get(name));
      String scope = network.map(n -> n.raw().path("Scope").asText()).orElse("");
      if (network.isEmpty()) {
        problems.error(
            Origin.UNKNOWN,
            "network \"" + name + "\" is declared as external, but could not be found."
                + " You need to create a swarm-scoped network before the stack is deployed");
      } else if (!scope.equals("swarm")) {
        problems.error(
            Origin.UNKNOWN,
            "network \"" + name + "\" is declared as external, but it is not in the right"
                + " scope: \"" + scope + "\" instead of \"swarm\"");
      }
    }
  }

  /**
   * The engine can't change a network in place, so an existing stack network is left as it is (as the CLI does), but
   * a changed declaration is reported; a network of that name outside the stack is an error, since the CLI's create
   * would fail halfway.
   */
  private void planNetworks(
      DeployPlan.Builder plan,
      SortedMap<String, ObjectNode> networks,
      Map<String, EngineObject> stackNetworks,
      Map<String, EngineObject> allNetworks,
      Problems problems) {
    networks.forEach((name, request) -> {
      if (stackNetworks.containsKey(name)) {
        List<Difference> drift =
            NetworkDrift.of(request, stackNetworks.get(name).raw());
        String detail = drift.isEmpty()
            ? ""
            : NetworkDrift.describe(drift) + " differ from the deployed network,"
                + " which the engine cannot change: remove the stack ("
                + log.terms().run(Command.RM)
                + ") and deploy again to apply them";
        if (!drift.isEmpty()) {
          log.warn("network " + name + ": " + detail);
        }
        plan.add(Kind.NETWORK, name, Change.UNCHANGED, detail);
      } else if (allNetworks.containsKey(name)) {
        problems.error(
            Origin.UNKNOWN,
            "network \"" + name + "\" already exists and does not belong to stack \""
                + plan.namespace()
                + "\". Remove it, or declare it external: true to use it as it is");
      } else {
        plan.write(Kind.NETWORK, new ObjectWrite(name, request, null));
        plan.add(Kind.NETWORK, name, Change.CREATE, "");
      }
    });
  }

  private void planFileObjects(
      DeployPlan.Builder plan,
      Kind kind,
      SortedMap<String, ObjectNode> declared,
      Map<String, EngineObject> ours,
      Problems problems) {
    Map<String, String> ids = plan.knownIds(kind);
    declared.forEach((name, declaredSpec) -> {
      ObjectNode spec = declaredSpec.deepCopy();
      // a revision from the stack's history knows the content by its hash only
      boolean fromHistory = !spec.has("Data") && spec.path("Labels").has(StackLabels.CONTENT_HASH);
      String hash = fromHistory
          ? spec.path("Labels").path(StackLabels.CONTENT_HASH).asText()
          : ContentHash.of(spec);
      spec.withObjectProperty("Labels").put(StackLabels.CONTENT_HASH, hash);
      EngineObject existing = ours.get(name);
      if (existing == null && ids.containsKey(name)) {
        problems.error(
            Origin.UNKNOWN,
            kind.label() + " \"" + name + "\" already exists and does not belong to stack \""
                + plan.namespace() + "\". Declare it external: true to use it, or give this "
                + kind.label()
                + " another name");
        return;
      }
      if (fromHistory
          && (existing == null
              || !hash.equals(StackLabels.label(existing, StackLabels.CONTENT_HASH)))) {
        problems.error(
            Origin.UNKNOWN,
            kind.label() + " \"" + name + "\" of this revision is "
                + (existing == null ? "gone from the swarm" : "there with other content")
                + ", and a stack's history keeps only the hash of a " + kind.label()
                + "'s content, never the content. Deploy that version again from its sources, or"
                + " roll back to another revision");
        return;
      }
      if (existing == null) {
        plan.write(kind, new ObjectWrite(name, spec, null));
        plan.add(kind, name, Change.CREATE, "");
        return;
      }
      String deployedHash = StackLabels.label(existing, StackLabels.CONTENT_HASH);
      if (deployedHash == null) {
        plan.add(
            kind,
            name,
            Change.UNCHANGED,
            "content not compared: it was deployed without " + StackLabels.CONTENT_HASH
                + ", e.g. by docker stack deploy");
      } else if (!deployedHash.equals(hash)) {
        // listed in the plan (swarm:diff shows it); deploying it fails before the first write
        plan.add(kind, name, Change.UPDATE, "new content, which the engine can't apply in place");
        plan.block(Problem.error(
            Origin.UNKNOWN,
            kind.label() + " \"" + name + "\" has new content, but the engine"
                + " cannot change the content of an existing " + kind.label()
                + " (only its labels). Turn on rotation ("
                + log.terms().set(Setting.ROTATE, "true")
                + ", the default): each content then gets a "
                + kind.label()
                + " of its own, named " + name
                + "-<hash of the content>, and the services using it switch to it in a"
                + " rolling update. Or give it a new name yourself (name: " + name
                + "_v2), or remove the stack first"));
      } else if (existing.spec().path("Labels").equals(spec.path("Labels"))) {
        plan.add(kind, name, Change.UNCHANGED, "");
      } else {
        plan.write(kind, new ObjectWrite(name, spec, existing));
        plan.add(kind, name, Change.UPDATE, "labels");
      }
    });
  }

  private static void planRemovals(
      DeployPlan.Builder plan,
      Kind kind,
      Map<String, EngineObject> deployed,
      Map<String, ?> declared) {
    deployed.forEach((name, object) -> {
      if (!declared.containsKey(name)) {
        plan.remove(kind, object);
        plan.add(kind, name, Change.REMOVE, "no longer declared");
      }
    });
  }

  /**
   * A prune that removes every service of a live stack is more often a wrong stack name or compose file than a wish,
   * so it takes a confirmation of its own; the refusal lists what would go.
   */
  private static void refusePruningEveryService(
      DeployPlan.Builder plan, int liveServices, UserTerms terms) {
    if (liveServices == 0 || plan.removals(Kind.SERVICE).size() < liveServices) {
      return;
    }
    String removals = Stream.of(Kind.SERVICE, Kind.NETWORK, Kind.SECRET, Kind.CONFIG)
        .map(kind -> named(kind.label() + "s", plan.removals(kind)))
        .filter(part -> !part.isEmpty())
        .collect(Collectors.joining("; "));
    plan.block(Problem.error(
        Origin.UNKNOWN,
        "pruning would remove every service of stack " + plan.namespace()
            + " (" + removals
            + "). Check the stack name and the services declared; to remove them all, set "
            + terms.set(Setting.PRUNE_ALL_SERVICES, "true")));
  }

  private static String named(String kind, List<EngineObject> objects) {
    return objects.isEmpty()
        ? ""
        : kind + " "
            + objects.stream().map(EngineObject::name).sorted().collect(Collectors.joining(", "));
  }

  private static Map<String, EngineObject> prunable(
      Set<String> declared, Map<String, EngineObject> deployed, Set<String> inHistory) {
    Map<String, EngineObject> others = new java.util.TreeMap<>(deployed);
    others
        .keySet()
        .removeIf(name -> inHistory.contains(name)
            || declared.stream().anyMatch(current -> VersionNames.sameObject(name, current)));
    return others;
  }

  /** Sorted by name, so that plans and writes come in a stable order. */
  static Map<String, EngineObject> byName(List<EngineObject> objects) {
    return objects.stream()
        .collect(Collectors.toMap(
            EngineObject::name, Function.identity(), (a, b) -> a, java.util.TreeMap::new));
  }

  private static Map<String, EngineObject> ours(
      Map<String, EngineObject> objects, String namespace) {
    return objects.entrySet().stream()
        .filter(e -> namespace.equals(StackLabels.label(e.getValue(), StackLabels.NAMESPACE)))
        .collect(Collectors.toMap(
            Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, java.util.TreeMap::new));
  }
}
