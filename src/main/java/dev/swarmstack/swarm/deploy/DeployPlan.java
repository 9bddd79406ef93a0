package dev.swarmstack.swarm.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.engine.EngineObject;
import dev.swarmstack.swarm.engine.RegistryAuth;
import dev.swarmstack.swarm.problem.Problem;
import dev.swarmstack.swarm.problem.StackException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one deploy will do, computed and checked before the first write: printed for the user, then applied
 * by {@link Deployer#apply}. The lists are in the order the writes happen.
 */
public final class DeployPlan {

  /** A network, secret or config to create ({@code existing} null) or whose labels to update. */
  record ObjectWrite(String name, ObjectNode spec, EngineObject existing) {}

  /** A service to create ({@code existing} null) or update; {@code spec} names secrets and configs, ids come later. */
  record ServiceWrite(String name, ObjectNode spec, EngineObject existing, Optional<RegistryAuth> auth) {}

  final String namespace;
  final List<PlannedChange> changes = new ArrayList<>();
  final List<EngineObject> servicesToRemove = new ArrayList<>();
  final List<ObjectWrite> networkWrites = new ArrayList<>();
  final List<ObjectWrite> secretWrites = new ArrayList<>();
  final List<ObjectWrite> configWrites = new ArrayList<>();
  final List<ServiceWrite> serviceWrites = new ArrayList<>();
  final List<EngineObject> secretsToRemove = new ArrayList<>();
  final List<EngineObject> configsToRemove = new ArrayList<>();
  final List<EngineObject> networksToRemove = new ArrayList<>();
  /** Why this plan can't be applied, found while planning (a content change the engine refuses); empty when it can. */
  final List<Problem> blockers = new ArrayList<>();
  /** Ids of every secret and config in the swarm by name, completed with the created ones while applying. */
  final Map<String, String> secretIds = new HashMap<>();
  final Map<String, String> configIds = new HashMap<>();
  /** Ids of every network by name (and by id), to compare service attachments, which the engine stores by id. */
  final Map<String, String> networkIds = new HashMap<>();

  DeployPlan(String namespace) {
    this.namespace = namespace;
  }

  public String namespace() {
    return namespace;
  }

  /** One entry per object of the stack (and per object to prune), in the order the plan prints them. */
  public List<PlannedChange> changes() {
    return List.copyOf(changes);
  }

  public long writeCount() {
    return changes.stream().filter(PlannedChange::isWrite).count();
  }

  void add(String kind, String name, PlannedChange.Change change, String detail) {
    add(kind, name, change, detail, List.of());
  }

  void add(String kind, String name, PlannedChange.Change change, String detail, List<String> fieldChanges) {
    changes.add(new PlannedChange(kind, name, change, detail, fieldChanges));
  }

  /** What stops this plan from being applied: shown by {@code swarm:diff}, thrown by {@link Deployer#plan}. */
  public List<Problem> blockers() {
    return List.copyOf(blockers);
  }

  void throwIfBlocked() {
    if (!blockers.isEmpty()) {
      throw new StackException(blockers);
    }
  }

  /** Whether deploying would change anything, or a network differs from its declaration in a way it can't apply. */
  public boolean hasDrift() {
    return changes.stream().anyMatch(change -> change.isWrite() || !change.detail().isEmpty()
        && change.kind().equals("network"));
  }
}
