package dev.swarmstack.swarm.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.engine.EngineException;
import dev.swarmstack.swarm.engine.EngineInfo;
import dev.swarmstack.swarm.engine.EngineObject;
import dev.swarmstack.swarm.engine.ImageDistribution;
import dev.swarmstack.swarm.engine.RegistryAuth;
import dev.swarmstack.swarm.engine.SwarmEngine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A swarm manager in memory, for tests that need the engine's rules but not its speed: names are unique per kind
 * (409), every write raises the swarm's version index and an update at a stale version is refused ({@code update out
 * of sequence}), a secret or config can't change its data, and nothing in use can be removed (a network a service or
 * a running task is attached to, a secret or config a service refers to). Errors carry the real engine's status and
 * words, so callers' {@code isNotFound()} and message checks work as against the real one.
 *
 * <p>Tasks exist only as a test scripts them ({@link #addTask}, {@link #setTaskState}); removing a service stops its
 * tasks at once unless the test asked them to {@link #lingerOnRemove linger}. There is one ready manager node
 * unless the test {@link #addNode adds} others.
 */
public final class InMemorySwarmEngine implements SwarmEngine {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> FINAL_TASK_STATES =
      Set.of("complete", "shutdown", "failed", "rejected", "orphaned", "remove");

  /** The kinds of versioned object, each with its own name space. */
  private enum Kind {
    SERVICE,
    SECRET,
    CONFIG;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final Map<Kind, Map<String, EngineObject>> objects = new HashMap<>();
  private final Map<String, ObjectNode> networks = new LinkedHashMap<>();
  private final Map<String, ObjectNode> tasks = new LinkedHashMap<>();
  private final List<ObjectNode> nodes = new ArrayList<>();
  private final Map<String, ImageDistribution> images = new HashMap<>();
  private final Set<String> lingering = new HashSet<>();
  private final Set<String> refused = new HashSet<>();
  private long index = 1;
  private int nextId;
  private Runnable beforeNextUpdate = () -> {};

  public InMemorySwarmEngine() {
    for (Kind kind : Kind.values()) {
      objects.put(kind, new LinkedHashMap<>());
    }
    addNode("node1", "manager", "ready", "active");
  }

  // what a test scripts

  /** Adds a node ({@code state}: ready, down; {@code availability}: active, pause, drain). */
  public synchronized InMemorySwarmEngine addNode(
      String id, String role, String state, String availability) {
    ObjectNode node = JSON.createObjectNode().put("ID", id);
    node.putObject("Description").put("Hostname", id);
    node.putObject("Spec").put("Role", role).put("Availability", availability);
    node.putObject("Status").put("State", state);
    nodes.add(node);
    return this;
  }

  /** The registry's answer for {@code image}; unknown images have none, as a registry that can't be reached. */
  public synchronized InMemorySwarmEngine image(String image, ImageDistribution distribution) {
    images.put(image, distribution);
    return this;
  }

  /** A task of service {@code serviceName} on the first node. */
  public synchronized String addTask(String serviceName, String state) {
    return addTask(serviceName, nodes.get(0).path("ID").asText(), state);
  }

  /**
   * A task of service {@code serviceName} on node {@code nodeId}, attached to the service's networks, in
   * {@code state} ({@code running}, {@code failed}, ...).
   *
   * @return the task's id
   */
  public synchronized String addTask(String serviceName, String nodeId, String state) {
    EngineObject service = find(Kind.SERVICE, serviceName)
        .orElseThrow(() -> new IllegalArgumentException("no service " + serviceName));
    String id = newId("task");
    ObjectNode task = JSON.createObjectNode()
        .put("ID", id)
        .put("ServiceID", service.id())
        .put("NodeID", nodeId)
        .put("DesiredState", "running");
    task.putObject("Version").put("Index", ++index);
    task.set("Spec", service.spec().path("TaskTemplate").deepCopy());
    task.putObject("Status").put("State", state);
    var attachments = task.putArray("NetworksAttachments");
    service.spec().path("TaskTemplate").path("Networks").forEach(network -> attachments
        .addObject()
        .putObject("Network")
        .put("ID", networkId(network.path("Target").asText())));
    tasks.put(id, task);
    return id;
  }

  public synchronized void setTaskState(String taskId, String state) {
    ((ObjectNode) tasks.get(taskId).path("Status")).put("State", state);
  }

  /** Tasks of {@code serviceName} keep running after the service is removed, until the test stops them. */
  public synchronized void lingerOnRemove(String serviceName) {
    find(Kind.SERVICE, serviceName).ifPresent(service -> lingering.add(service.id()));
  }

  /** Creates and updates of the object named {@code name} fail from now on, as an engine refusing them would. */
  public synchronized void refuseWritesTo(String name) {
    refused.add(name);
  }

  /** Runs once, just before the next update of any object: another writer acting between a read and a write. */
  public synchronized void beforeNextUpdate(Runnable interleaved) {
    beforeNextUpdate = interleaved;
  }

  /** The names of every network, service, secret and config, for assertions on what a workflow left. */
  public synchronized List<String> networkNames() {
    return networks.values().stream()
        .map(network -> network.path("Name").asText())
        .sorted()
        .toList();
  }

  public synchronized List<String> serviceNames() {
    return names(Kind.SERVICE);
  }

  public synchronized List<String> secretNames() {
    return names(Kind.SECRET);
  }

  public synchronized List<String> configNames() {
    return names(Kind.CONFIG);
  }

  // the engine

  @Override
  public String address() {
    return "in-memory engine";
  }

  @Override
  public EngineInfo info() {
    return new EngineInfo("20.10.24", "1.41", nodes.get(0).path("ID").asText(), "active", true);
  }

  @Override
  public synchronized List<EngineObject> listServices(Map<String, String> labels) {
    return list(Kind.SERVICE, labels);
  }

  @Override
  public synchronized Optional<EngineObject> inspectService(String idOrName) {
    return find(Kind.SERVICE, idOrName);
  }

  @Override
  public synchronized String createService(ObjectNode spec, Optional<RegistryAuth> auth) {
    return create(Kind.SERVICE, withNetworkIds(spec));
  }

  @Override
  public void updateService(String id, long version, ObjectNode spec, Optional<RegistryAuth> auth) {
    update(Kind.SERVICE, id, version, withNetworkIds(spec));
  }

  @Override
  public synchronized void removeService(String id) {
    EngineObject service = existing(Kind.SERVICE, id);
    objects.get(Kind.SERVICE).remove(service.id());
    if (!lingering.contains(service.id())) {
      tasks.values().stream()
          .filter(task -> task.path("ServiceID").asText().equals(service.id()))
          .forEach(task -> ((ObjectNode) task.path("Status")).put("State", "shutdown"));
    }
  }

  @Override
  public synchronized List<ObjectNode> listTasks(Map<String, List<String>> filters) {
    return tasks.values().stream()
        .filter(task -> matches(task, filters))
        .map(ObjectNode::deepCopy)
        .toList();
  }

  @Override
  public synchronized Optional<ObjectNode> inspectTask(String id) {
    return Optional.ofNullable(tasks.get(id)).map(ObjectNode::deepCopy);
  }

  @Override
  public synchronized List<ObjectNode> listNodes() {
    return nodes.stream().map(ObjectNode::deepCopy).toList();
  }

  @Override
  public synchronized List<EngineObject> listNetworks(Map<String, String> labels) {
    return networks.values().stream()
        .filter(network -> hasLabels(network, labels))
        .map(InMemorySwarmEngine::network)
        .toList();
  }

  @Override
  public synchronized Optional<EngineObject> inspectNetwork(String idOrName) {
    return findNetwork(idOrName).map(InMemorySwarmEngine::network);
  }

  @Override
  public synchronized String createNetwork(ObjectNode request) {
    String name = request.path("Name").asText();
    refuseIfScripted(name, "creating network " + name);
    if (findNetwork(name).isPresent()) {
      throw new EngineException(
          "creating network " + name + ": network with name " + name + " already exists",
          409,
          null);
    }
    String id = newId("net");
    ObjectNode network = request.deepCopy().put("Id", id);
    if (!network.has("Driver")) {
      network.put("Driver", "overlay");
    }
    if (!network.has("Scope")) { // a test may add a node-local network by asking for that scope
      network.put("Scope", "swarm");
    }
    networks.put(id, network);
    index++;
    return id;
  }

  @Override
  public synchronized void removeNetwork(String idOrName) {
    ObjectNode network = findNetwork(idOrName).orElseThrow(() -> notFound("network", idOrName));
    String id = network.path("Id").asText();
    Optional<EngineObject> service = objects.get(Kind.SERVICE).values().stream()
        .filter(
            s -> s.spec().path("TaskTemplate").path("Networks").findValuesAsText("Target").stream()
                .anyMatch(t -> networkId(t).equals(id)))
        .findFirst();
    if (service.isPresent()) {
      throw inUse("network " + id + " is in use by service " + service.get().id());
    }
    Optional<ObjectNode> task = tasks.values().stream()
        .filter(InMemorySwarmEngine::isRunning)
        .filter(t -> t.path("NetworksAttachments").findValuesAsText("ID").contains(id))
        .findFirst();
    if (task.isPresent()) {
      throw inUse(
          "network " + id + " is in use by task " + task.get().path("ID").asText());
    }
    networks.remove(id);
    index++;
  }

  @Override
  public List<EngineObject> listVolumes(Map<String, String> labels) {
    return List.of();
  }

  @Override
  public void removeVolume(String name) {
    throw notFound("volume", name);
  }

  @Override
  public synchronized List<EngineObject> listSecrets(Map<String, String> labels) {
    return list(Kind.SECRET, labels);
  }

  @Override
  public synchronized String createSecret(ObjectNode spec) {
    return create(Kind.SECRET, spec);
  }

  @Override
  public void updateSecret(String id, long version, ObjectNode spec) {
    update(Kind.SECRET, id, version, spec);
  }

  @Override
  public synchronized void removeSecret(String id) {
    removeFileObject(Kind.SECRET, id, "Secrets", "SecretID");
  }

  @Override
  public synchronized List<EngineObject> listConfigs(Map<String, String> labels) {
    return list(Kind.CONFIG, labels);
  }

  @Override
  public synchronized String createConfig(ObjectNode spec) {
    return create(Kind.CONFIG, spec);
  }

  @Override
  public void updateConfig(String id, long version, ObjectNode spec) {
    update(Kind.CONFIG, id, version, spec);
  }

  @Override
  public synchronized void removeConfig(String id) {
    removeFileObject(Kind.CONFIG, id, "Configs", "ConfigID");
  }

  @Override
  public synchronized Optional<ImageDistribution> imageDistribution(
      String image, Optional<RegistryAuth> auth) {
    return Optional.ofNullable(images.get(image));
  }

  @Override
  public void close() {}

  // the rules

  private List<String> names(Kind kind) {
    return objects.get(kind).values().stream().map(EngineObject::name).sorted().toList();
  }

  private List<EngineObject> list(Kind kind, Map<String, String> labels) {
    return objects.get(kind).values().stream()
        .filter(object -> hasLabels(object.spec(), labels))
        .map(this::copy)
        .toList();
  }

  private Optional<EngineObject> find(Kind kind, String idOrName) {
    return objects.get(kind).values().stream()
        .filter(object -> object.id().equals(idOrName) || object.name().equals(idOrName))
        .findFirst()
        .map(this::copy);
  }

  private EngineObject existing(Kind kind, String idOrName) {
    return find(kind, idOrName).orElseThrow(() -> notFound(kind.label(), idOrName));
  }

  private String create(Kind kind, ObjectNode spec) {
    String name = spec.path("Name").asText();
    refuseIfScripted(name, "creating " + kind.label() + " " + name);
    if (find(kind, name).isPresent()) {
      throw new EngineException(
          "creating " + kind.label() + " " + name + ": rpc error: code = AlreadyExists desc = "
              + kind.label() + " " + name + " already exists",
          409,
          null);
    }
    String id = newId(kind.label());
    objects.get(kind).put(id, stored(id, ++index, spec));
    return id;
  }

  private void update(Kind kind, String id, long version, ObjectNode spec) {
    Runnable interleaved;
    synchronized (this) {
      interleaved = beforeNextUpdate;
      beforeNextUpdate = () -> {};
    }
    interleaved.run();
    synchronized (this) {
      EngineObject current = existing(kind, id);
      refuseIfScripted(current.name(), "updating " + kind.label() + " " + current.name());
      String doing = "updating " + kind.label() + " " + spec.path("Name").asText(id) + ": ";
      if (current.version() != version) {
        throw new EngineException(
            doing + "rpc error: code = Unknown desc = update out of sequence", 500, null);
      }
      JsonNode storedData = objects.get(kind).get(current.id()).spec().path("Data");
      if (kind != Kind.SERVICE && !spec.path("Data").equals(storedData)) {
        throw new EngineException(
            doing + "rpc error: code = InvalidArgument desc = only updates to Labels are allowed",
            400,
            null);
      }
      objects.get(kind).put(current.id(), stored(current.id(), ++index, spec));
    }
  }

  /** A secret or config that a service refers to can't go. */
  private void removeFileObject(Kind kind, String id, String references, String idField) {
    EngineObject object = existing(kind, id);
    List<String> users = objects.get(Kind.SERVICE).values().stream()
        .filter(service -> service
            .spec()
            .path("TaskTemplate")
            .path("ContainerSpec")
            .path(references)
            .findValuesAsText(idField)
            .contains(object.id()))
        .map(EngineObject::name)
        .toList();
    if (!users.isEmpty()) {
      throw new EngineException(
          "removing " + kind.label() + " " + id + ": rpc error: code = InvalidArgument desc = "
              + kind.label() + " '" + object.name() + "' is in use by the following service: "
              + String.join(", ", users),
          400,
          null);
    }
    objects.get(kind).remove(object.id());
    index++;
  }

  /** As the engine keeps it: {@code ID}, {@code Version.Index}, {@code Spec}; a secret's data is never returned. */
  private EngineObject stored(String id, long version, ObjectNode spec) {
    ObjectNode raw = JSON.createObjectNode().put("ID", id);
    raw.putObject("Version").put("Index", version);
    raw.set("Spec", spec.deepCopy());
    return new EngineObject(
        id, spec.path("Name").asText(), version, (ObjectNode) raw.get("Spec"), raw);
  }

  private EngineObject copy(EngineObject object) {
    ObjectNode raw = object.raw().deepCopy();
    if (objects.get(Kind.SECRET).containsKey(object.id())) {
      ((ObjectNode) raw.path("Spec")).remove("Data");
    }
    return new EngineObject(
        object.id(), object.name(), object.version(), (ObjectNode) raw.get("Spec"), raw);
  }

  private static EngineObject network(ObjectNode network) {
    ObjectNode copy = network.deepCopy();
    return new EngineObject(copy.path("Id").asText(), copy.path("Name").asText(), 0, copy, copy);
  }

  private Optional<ObjectNode> findNetwork(String idOrName) {
    return networks.values().stream()
        .filter(network -> network.path("Id").asText().equals(idOrName)
            || network.path("Name").asText().equals(idOrName))
        .findFirst();
  }

  private String networkId(String idOrName) {
    return findNetwork(idOrName).map(network -> network.path("Id").asText()).orElse(idOrName);
  }

  /** The engine keeps a service's network attachments by network id, whether the spec named or identified them. */
  private synchronized ObjectNode withNetworkIds(ObjectNode spec) {
    ObjectNode copy = spec.deepCopy();
    for (JsonNode attachment : copy.path("TaskTemplate").path("Networks")) {
      String target = attachment.path("Target").asText();
      ObjectNode network = findNetwork(target)
          .orElseThrow(() -> new EngineException(
              "writing service " + spec.path("Name").asText() + ": network " + target
                  + " not found",
              404,
              null));
      ((ObjectNode) attachment).put("Target", network.path("Id").asText());
    }
    return copy;
  }

  /** The engine's filters: every filter must match, with any of its values. */
  private boolean matches(ObjectNode task, Map<String, List<String>> filters) {
    return filters.entrySet().stream().allMatch(filter -> filter.getValue().stream()
        .anyMatch(value -> matches(task, filter.getKey(), value)));
  }

  private boolean matches(ObjectNode task, String filter, String value) {
    String serviceId = task.path("ServiceID").asText();
    return switch (filter) {
      case "service" ->
        serviceId.equals(value)
            || find(Kind.SERVICE, value).map(s -> s.id().equals(serviceId)).orElse(false);
      case "desired-state" -> task.path("DesiredState").asText().equals(value);
      case "node" -> task.path("NodeID").asText().equals(value);
      case "label" ->
        hasLabels(
            task.path("Spec").path("ContainerSpec"),
            Map.of(value.split("=", 2)[0], value.split("=", 2)[1]));
      default ->
        throw new IllegalArgumentException("the in-memory engine has no task filter " + filter);
    };
  }

  private static boolean hasLabels(JsonNode object, Map<String, String> labels) {
    return labels.entrySet().stream()
        .allMatch(label ->
            label.getValue().equals(object.path("Labels").path(label.getKey()).asText(null)));
  }

  private static boolean isRunning(JsonNode task) {
    return !FINAL_TASK_STATES.contains(task.path("Status").path("State").asText());
  }

  private String newId(String prefix) {
    return prefix + (++nextId);
  }

  private void refuseIfScripted(String name, String doing) {
    if (refused.contains(name)) {
      throw new EngineException(doing + ": refused by the test", 500, null);
    }
  }

  private static EngineException notFound(String kind, String idOrName) {
    return new EngineException(kind + " " + idOrName + " not found", 404, null);
  }

  private static EngineException inUse(String message) {
    return new EngineException("rpc error: code = FailedPrecondition desc = " + message, 400, null);
  }
}
