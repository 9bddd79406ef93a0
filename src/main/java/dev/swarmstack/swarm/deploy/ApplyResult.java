package dev.swarmstack.swarm.deploy;

import dev.swarmstack.swarm.deploy.DeployPlan.Kind;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * What applying a {@link DeployPlan} created, which the plan could not know: the ids the engine gave the new
 * secrets, configs, networks and services. Filled while the plan is applied, so that a service created later can
 * name a secret created earlier by id.
 */
final class ApplyResult {

  private final Map<Kind, Map<String, String>> createdIds = new EnumMap<>(Kind.class);

  void created(Kind kind, String name, String id) {
    createdIds.computeIfAbsent(kind, k -> new HashMap<>()).put(name, id);
  }

  /** The new objects' ids by name. */
  Map<String, String> createdIds(Kind kind) {
    return Map.copyOf(createdIds.getOrDefault(kind, Map.of()));
  }

  /** Every id of {@code kind} by name: those the plan found, and those applying it created. */
  Map<String, String> ids(DeployPlan plan, Kind kind) {
    Map<String, String> ids = new HashMap<>(plan.existingIds(kind));
    ids.putAll(createdIds.getOrDefault(kind, Map.of()));
    return ids;
  }
}
