package dev.swarmstack.swarm.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.engine.EngineAddress;
import dev.swarmstack.swarm.engine.EngineAddressResolver;
import dev.swarmstack.swarm.engine.EngineConnection;
import dev.swarmstack.swarm.engine.EngineException;
import dev.swarmstack.swarm.engine.EngineInfo;
import dev.swarmstack.swarm.engine.EngineObject;
import dev.swarmstack.swarm.engine.EngineUnreachableException;
import dev.swarmstack.swarm.engine.EventSubscription;
import dev.swarmstack.swarm.engine.ImageDistribution;
import dev.swarmstack.swarm.engine.ManagerChoice;
import dev.swarmstack.swarm.engine.ManagerChooser;
import dev.swarmstack.swarm.engine.Polling;
import dev.swarmstack.swarm.engine.RegistryAuth;
import dev.swarmstack.swarm.engine.SshOptions;
import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.problem.UserTerms;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The swarm engine over the Engine API. Every swarm object travels as raw JSON, never through docker-java's
 * model, which drops fields it doesn't know (CapabilityAdd, Sysctls, Ulimits, Preferences, DriverOpts, ...) and
 * can't even read a service that has {@code Groups}.
 */
public final class DockerSwarmEngine implements SwarmEngine {

  /** How long a candidate manager's host may take to accept a connection: a host that is down must not cost long. */
  static final Duration PROBE_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** How long a new swarm network may wait for the manager to allocate it (driver state, subnets). */
  private static final Duration ALLOCATION_WAIT = Duration.ofSeconds(10);

  private static final Duration ALLOCATION_POLL = Duration.ofMillis(100);

  private final EngineHttp http;

  /**
   * Connects and agrees on the API version.
   *
   * @param timeout how long each call may take
   * @throws dev.swarmstack.swarm.engine.EngineException when the engine can't be reached or is too old
   */
  public DockerSwarmEngine(EngineAddress address, Duration timeout) {
    this(address, SshOptions.forThisProcess(), timeout);
  }

  /** An engine reached with the given ssh settings when its address is {@code ssh://}. */
  public DockerSwarmEngine(EngineAddress address, SshOptions ssh, Duration timeout) {
    this(address, ssh, UserTerms.NEUTRAL, timeout, timeout);
  }

  private DockerSwarmEngine(
      EngineAddress address,
      SshOptions ssh,
      UserTerms terms,
      Duration connectTimeout,
      Duration timeout) {
    this.http = new EngineHttp(address, ssh, terms, connectTimeout, timeout);
  }

  /** Connects to the engine the docker CLI would use, unless {@code connection} names one or several managers. */
  public static DockerSwarmEngine connect(EngineConnection connection) {
    return connect(connection, choice -> {});
  }

  /**
   * Connects to the engine {@code connection} names; when it lists several managers, to the first that is up and
   * a manager ({@link ManagerChooser}).
   *
   * @param onChoice told which manager was chosen and which were skipped (not called for a single engine)
   */
  public static DockerSwarmEngine connect(
      EngineConnection connection, Consumer<ManagerChoice> onChoice) {
    EngineAddressResolver resolver = EngineAddressResolver.forThisProcess();
    if (!connection.choosesAManager()) {
      return new DockerSwarmEngine(
          resolver.resolve(connection),
          connection.ssh(),
          connection.terms(),
          connection.timeout(),
          connection.timeout());
    }
    ManagerChoice choice = new ManagerChooser(candidate -> probe(candidate, connection))
        .choose(resolver.resolveManagers(connection), connection.hostSource());
    onChoice.accept(choice);
    return new DockerSwarmEngine(
        choice.manager(),
        connection.ssh(),
        connection.terms(),
        connection.timeout(),
        connection.timeout());
  }

  /**
   * The engine's info; no answer is told in a few words (connection refused, ...). A host that doesn't take the
   * connection soon is passed over, but one that did gets the whole timeout: a manager answers {@code /info} only
   * once the swarm has a leader, which takes seconds after the leader was lost.
   */
  private static EngineInfo probe(EngineAddress candidate, EngineConnection connection) {
    Duration timeout = connection.timeout();
    Duration connectTimeout =
        timeout.compareTo(PROBE_CONNECT_TIMEOUT) < 0 ? timeout : PROBE_CONNECT_TIMEOUT;
    try (DockerSwarmEngine engine = new DockerSwarmEngine(
        candidate, connection.ssh(), connection.terms(), connectTimeout, timeout)) {
      return engine.info();
    } catch (EngineUnreachableException e) {
      throw new EngineUnreachableException(e.reason(), e.reason(), e);
    }
  }

  @Override
  public String address() {
    return http.address().describe();
  }

  @Override
  public EngineInfo info() {
    JsonNode info = http.get("/info", "reading the engine's info");
    JsonNode swarm = info.path("Swarm");
    return new EngineInfo(
        info.path("ServerVersion").asText(),
        http.apiVersion().toString(),
        swarm.path("NodeID").asText(""),
        swarm.path("LocalNodeState").asText(""),
        swarm.path("ControlAvailable").asBoolean(false));
  }

  @Override
  public List<EngineObject> listServices(Map<String, String> labels) {
    return versionedObjects(http.get("/services" + labelFilter(labels), "listing services"));
  }

  @Override
  public Optional<ObjectNode> inspectTask(String id) {
    return http.getIfExists("/tasks/" + segment(id), "inspecting task " + id)
        .map(ObjectNode.class::cast);
  }

  @Override
  public Optional<EngineObject> inspectService(String idOrName) {
    return http.getIfExists("/services/" + segment(idOrName), "inspecting service " + idOrName)
        .map(DockerSwarmEngine::versioned);
  }

  @Override
  public String createService(ObjectNode spec, Optional<RegistryAuth> auth) {
    String doing = "creating service " + spec.path("Name").asText();
    return http.post("/services/create", spec, authHeader(auth), doing)
        .path("ID")
        .asText();
  }

  @Override
  public void updateService(String id, long version, ObjectNode spec, Optional<RegistryAuth> auth) {
    String doing = "updating service " + spec.path("Name").asText(id);
    http.post(
        "/services/" + segment(id) + "/update?version=" + version, spec, authHeader(auth), doing);
  }

  @Override
  public void removeService(String id) {
    http.delete("/services/" + segment(id), "removing service " + id);
  }

  @Override
  public List<ObjectNode> listTasks(Map<String, List<String>> filters) {
    return objects(http.get("/tasks" + filterQuery(filters), "listing tasks"));
  }

  @Override
  public List<ObjectNode> listNodes() {
    return objects(http.get("/nodes", "listing nodes"));
  }

  @Override
  public List<EngineObject> listNetworks(Map<String, String> labels) {
    List<EngineObject> networks = new ArrayList<>();
    Instant deadline = Instant.now().plus(ALLOCATION_WAIT);
    for (ObjectNode network :
        objects(http.get("/networks" + labelFilter(labels), "listing networks"))) {
      networks.add(network(allocated(network, deadline)));
    }
    return networks;
  }

  @Override
  public Optional<EngineObject> inspectNetwork(String idOrName) {
    return getNetwork(idOrName)
        .map(network -> network(allocated(network, Instant.now().plus(ALLOCATION_WAIT))));
  }

  private Optional<ObjectNode> getNetwork(String idOrName) {
    return http.getIfExists("/networks/" + segment(idOrName), "inspecting network " + idOrName)
        .map(ObjectNode.class::cast);
  }

  /**
   * The network once the manager's allocator has seen it. Until then the engine shows a swarm network without
   * driver, options and subnets (a busy manager takes a while), which would read as drift from its declaration. One
   * the allocator can't place (say, its subnet overlaps another) stays so, and is returned as it is at the deadline.
   */
  private ObjectNode allocated(ObjectNode network, Instant deadline) {
    ObjectNode current = network;
    while (isUnallocated(current) && Instant.now().isBefore(deadline)) {
      Polling.pause(ALLOCATION_POLL);
      Optional<ObjectNode> again = getNetwork(current.path("Id").asText());
      if (again.isEmpty()) {
        return current;
      }
      current = again.get();
    }
    return current;
  }

  private static boolean isUnallocated(ObjectNode network) {
    return network.path("Scope").asText().equals("swarm")
        && network.path("Driver").asText().isEmpty();
  }

  @Override
  public String createNetwork(ObjectNode request) {
    return http.post(
            "/networks/create",
            request,
            Map.of(),
            "creating network " + request.path("Name").asText())
        .path("Id")
        .asText();
  }

  @Override
  public void removeNetwork(String idOrName) {
    http.delete("/networks/" + segment(idOrName), "removing network " + idOrName);
  }

  @Override
  public List<EngineObject> listVolumes(Map<String, String> labels) {
    return objects(http.get("/volumes" + labelFilter(labels), "listing volumes").path("Volumes"))
        .stream()
        .map(volume -> new EngineObject(
            volume.path("Name").asText(), volume.path("Name").asText(), 0, volume, volume))
        .toList();
  }

  @Override
  public void removeVolume(String name) {
    http.delete("/volumes/" + segment(name), "removing volume " + name);
  }

  @Override
  public List<EngineObject> listSecrets(Map<String, String> labels) {
    return listFileObjects("secret", labels);
  }

  @Override
  public String createSecret(ObjectNode spec) {
    return createFileObject("secret", spec);
  }

  @Override
  public void updateSecret(String id, long version, ObjectNode spec) {
    updateFileObject("secret", id, version, spec);
  }

  @Override
  public void removeSecret(String id) {
    removeFileObject("secret", id);
  }

  @Override
  public List<EngineObject> listConfigs(Map<String, String> labels) {
    return listFileObjects("config", labels);
  }

  @Override
  public String createConfig(ObjectNode spec) {
    return createFileObject("config", spec);
  }

  @Override
  public void updateConfig(String id, long version, ObjectNode spec) {
    updateFileObject("config", id, version, spec);
  }

  @Override
  public void removeConfig(String id) {
    removeFileObject("config", id);
  }

  // Secrets and configs share one API shape under /secrets and /configs.

  private List<EngineObject> listFileObjects(String kind, Map<String, String> labels) {
    return versionedObjects(
        http.get("/" + kind + "s" + labelFilter(labels), "listing " + kind + "s"));
  }

  private String createFileObject(String kind, ObjectNode spec) {
    return http.post(
            "/" + kind + "s/create",
            spec,
            Map.of(),
            "creating " + kind + " " + spec.path("Name").asText())
        .path("ID")
        .asText();
  }

  private void updateFileObject(String kind, String id, long version, ObjectNode spec) {
    http.post(
        "/" + kind + "s/" + segment(id) + "/update?version=" + version,
        spec,
        Map.of(),
        "updating " + kind + " " + spec.path("Name").asText(id));
  }

  private void removeFileObject(String kind, String id) {
    http.delete("/" + kind + "s/" + segment(id), "removing " + kind + " " + id);
  }

  /** Any failure status (registry down, unknown image, refused credentials) means "no digest", as for the CLI. */
  @Override
  public Optional<ImageDistribution> imageDistribution(String image, Optional<RegistryAuth> auth) {
    // the route takes the whole reference, slashes and all, as the CLI sends it
    EngineHttp.Reply reply = http.call(
        "GET",
        "/distribution/" + image + "/json",
        null,
        authHeader(auth),
        "resolving the digest of " + image);
    if (!reply.isSuccess()) {
      return Optional.empty();
    }
    String digest = reply.json().path("Descriptor").path("digest").asText("");
    List<ImageDistribution.Platform> platforms = new ArrayList<>();
    reply
        .json()
        .path("Platforms")
        .forEach(platform -> platforms.add(new ImageDistribution.Platform(
            platform.path("architecture").asText(""), platform.path("os").asText(""))));
    return digest.isEmpty()
        ? Optional.empty()
        : Optional.of(new ImageDistribution(digest, platforms));
  }

  @Override
  public EventSubscription subscribeEvents(
      Map<String, List<String>> filters, Consumer<ObjectNode> onEvent) {
    return new EventStream(http, "/events" + filterQuery(filters), onEvent);
  }

  @Override
  public List<String> taskLogs(String taskId, int lines) {
    String doing = "reading the log of task " + taskId;
    EngineHttp.Reply reply = http.call(
        "GET",
        "/tasks/" + segment(taskId) + "/logs?stdout=1&stderr=1&tail=" + lines,
        null,
        Map.of(),
        doing);
    if (!reply.isSuccess()) {
      throw new EngineException(doing + ": " + reply.engineMessage(), reply.status(), null);
    }
    return LogFrames.lines(reply.body());
  }

  @Override
  public void close() {
    http.close();
  }

  private static Map<String, String> authHeader(Optional<RegistryAuth> auth) {
    return auth.map(a -> Map.of(RegistryAuthHeader.NAME, RegistryAuthHeader.encode(a)))
        .orElse(Map.of());
  }

  private static String labelFilter(Map<String, String> labels) {
    List<String> values = labels.entrySet().stream()
        .map(label -> label.getKey() + "=" + label.getValue())
        .sorted()
        .toList();
    return values.isEmpty() ? "" : filterQuery(Map.of("label", values));
  }

  /** {@code ?filters={"label":["a=b"]}}: the engine's filter syntax, URL-encoded. */
  private static String filterQuery(Map<String, List<String>> filters) {
    if (filters.isEmpty()) {
      return "";
    }
    ObjectNode json = EngineHttp.JSON.createObjectNode();
    filters.forEach((name, values) -> {
      ArrayNode array = json.putArray(name);
      values.forEach(array::add);
    });
    return "?filters=" + URLEncoder.encode(json.toString(), StandardCharsets.UTF_8);
  }

  private static String segment(String idOrName) {
    return URLEncoder.encode(idOrName, StandardCharsets.UTF_8);
  }

  private static List<ObjectNode> objects(JsonNode array) {
    List<ObjectNode> objects = new ArrayList<>();
    array.forEach(element -> objects.add((ObjectNode) element));
    return objects;
  }

  private static List<EngineObject> versionedObjects(JsonNode array) {
    return objects(array).stream().map(DockerSwarmEngine::versioned).toList();
  }

  /** Services, secrets and configs: {@code ID}, {@code Version.Index}, {@code Spec}. */
  private static EngineObject versioned(JsonNode object) {
    ObjectNode spec = (ObjectNode) object.path("Spec");
    return new EngineObject(
        object.path("ID").asText(),
        spec.path("Name").asText(),
        object.path("Version").path("Index").asLong(),
        spec,
        (ObjectNode) object);
  }

  /** Networks have no version and no Spec: the inspect body stands for both. */
  private static EngineObject network(ObjectNode network) {
    return new EngineObject(
        network.path("Id").asText(), network.path("Name").asText(), 0, network, network);
  }
}
