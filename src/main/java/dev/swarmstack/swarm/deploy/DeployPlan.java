package dev.swarmstack.swarm.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.deploy.PlannedChange.Change;
import dev.swarmstack.swarm.engine.EngineObject;
import dev.swarmstack.swarm.engine.RegistryAuth;
import dev.swarmstack.swarm.problem.Problem;
import dev.swarmstack.swarm.problem.StackException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything one deploy will do, computed and checked before the first write: printed for the user, then applied
 * by {@link Deployer#apply}. Immutable: {@link Planner} builds it, and what applying it creates goes into an
 * {@link ApplyResult}. The lists are in the order the writes happen.
 */
public final class DeployPlan {

  /** The kinds of stack object a plan writes. */
  public enum Kind {
    NETWORK,
    SECRET,
    CONFIG,
    SERVICE;

    /** As the plan prints it. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A network, secret or config to create ({@code existing} null) or whose labels to update. */
  record ObjectWrite(String name, ObjectNode spec, EngineObject existing) {}

  /** A service to create ({@code existing} null) or update; {@code spec} names secrets and configs, ids come later. */
  record ServiceWrite(
      String name, ObjectNode spec, EngineObject existing, Optional<RegistryAuth> auth) {}

  private final String namespace;
  private final List<PlannedChange> changes;
  private final Map<Kind, List<ObjectWrite>> objectWrites;
  private final List<ServiceWrite> serviceWrites;
  private final SortedMap<String, ObjectNode> servicesAsDeployed;
  private final Map<Kind, List<EngineObject>> removals;
  private final List<Problem> blockers;
  private final Map<Kind, Map<String, String>> ids;

  private DeployPlan(Builder builder) {
    namespace = builder.namespace;
    changes = List.copyOf(builder.changes);
    objectWrites = copy(builder.objectWrites);
    serviceWrites = List.copyOf(builder.serviceWrites);
    servicesAsDeployed =
        Collections.unmodifiableSortedMap(new TreeMap<>(builder.servicesAsDeployed));
    removals = copy(builder.removals);
    blockers = List.copyOf(builder.blockers);
    ids = new EnumMap<>(Kind.class);
    builder.ids.forEach((kind, byName) -> ids.put(kind, Map.copyOf(byName)));
  }

  static Builder builder(String namespace) {
    return new Builder(namespace);
  }

  public String namespace() {
    return namespace;
  }

  /** One entry per object of the stack (and per object to prune), in the order the plan prints them. */
  public List<PlannedChange> changes() {
    return changes;
  }

  public long writeCount() {
    return changes.stream().filter(PlannedChange::isWrite).count();
  }

  /** The networks, secrets or configs to create or relabel. */
  List<ObjectWrite> writes(Kind kind) {
    return objectWrites.getOrDefault(kind, List.of());
  }

  List<ServiceWrite> serviceWrites() {
    return serviceWrites;
  }

  /**
   * The spec of every declared service once the plan is applied, written or left as it was: images as pinned,
   * secrets, configs and networks by name. What the stack's history records.
   */
  public SortedMap<String, ObjectNode> servicesAsDeployed() {
    return servicesAsDeployed;
  }

  /** The objects of {@code kind} that pruning removes. */
  List<EngineObject> removals(Kind kind) {
    return removals.getOrDefault(kind, List.of());
  }

  /**
   * Ids by name of every object of {@code kind} in the swarm when it was planned (networks also by id: service
   * attachments name them by id).
   */
  Map<String, String> existingIds(Kind kind) {
    return ids.getOrDefault(kind, Map.of());
  }

  /** What stops this plan from being applied: shown by {@code swarm:diff}, thrown by {@link Deployer#plan}. */
  public List<Problem> blockers() {
    return blockers;
  }

  void throwIfBlocked() {
    if (!blockers.isEmpty()) {
      throw new StackException(blockers);
    }
  }

  /** Whether deploying would change anything, or a network differs from its declaration in a way it can't apply. */
  public boolean hasDrift() {
    return changes.stream()
        .anyMatch(change ->
            change.isWrite() || !change.detail().isEmpty() && change.kind() == Kind.NETWORK);
  }

  private static <T> Map<Kind, List<T>> copy(Map<Kind, List<T>> lists) {
    Map<Kind, List<T>> copy = new EnumMap<>(Kind.class);
    lists.forEach((kind, list) -> copy.put(kind, List.copyOf(list)));
    return copy;
  }

  /** Collects a plan while the planner reads the swarm; {@link #build()} freezes it. */
  static final class Builder {

    private final String namespace;
    private final List<PlannedChange> changes = new ArrayList<>();
    private final Map<Kind, List<ObjectWrite>> objectWrites = new EnumMap<>(Kind.class);
    private final List<ServiceWrite> serviceWrites = new ArrayList<>();
    private final Map<String, ObjectNode> servicesAsDeployed = new HashMap<>();
    private final Map<Kind, List<EngineObject>> removals = new EnumMap<>(Kind.class);
    private final List<Problem> blockers = new ArrayList<>();
    private final Map<Kind, Map<String, String>> ids = new EnumMap<>(Kind.class);

    private Builder(String namespace) {
      this.namespace = namespace;
    }

    String namespace() {
      return namespace;
    }

    void add(Kind kind, String name, Change change, String detail) {
      add(kind, name, change, detail, List.of());
    }

    void add(Kind kind, String name, Change change, String detail, List<String> fieldChanges) {
      changes.add(new PlannedChange(kind, name, change, detail, fieldChanges));
    }

    void write(Kind kind, ObjectWrite write) {
      objectWrites.computeIfAbsent(kind, k -> new ArrayList<>()).add(write);
    }

    void writeService(ServiceWrite write) {
      serviceWrites.add(write);
    }

    void deployedAs(String service, ObjectNode spec) {
      servicesAsDeployed.put(service, spec);
    }

    void remove(Kind kind, EngineObject object) {
      removals.computeIfAbsent(kind, k -> new ArrayList<>()).add(object);
    }

    List<EngineObject> removals(Kind kind) {
      return removals.getOrDefault(kind, List.of());
    }

    void block(Problem problem) {
      blockers.add(problem);
    }

    void knowId(Kind kind, String nameOrId, String id) {
      ids.computeIfAbsent(kind, k -> new HashMap<>()).put(nameOrId, id);
    }

    Map<String, String> knownIds(Kind kind) {
      return ids.getOrDefault(kind, Map.of());
    }

    DeployPlan build() {
      return new DeployPlan(this);
    }
  }
}
