package dev.swarmstack.swarm.inspect;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.engine.EngineObject;
import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.model.ImageReference;
import dev.swarmstack.swarm.problem.UserTerms;
import dev.swarmstack.swarm.stack.StackLabels;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * {@code docker stack ls}, {@code services} and {@code ps}: the same rows and columns, as records that the Maven
 * layer prints as a table and writes as JSON (with the CLI's {@code --format json} key names).
 */
public final class StackInspector {

  public static final List<String> STACK_COLUMNS = List.of("NAME", "SERVICES");
  public static final List<String> SERVICE_COLUMNS =
      List.of("ID", "NAME", "MODE", "REPLICAS", "IMAGE", "PORTS");
  public static final List<String> TASK_COLUMNS =
      List.of("ID", "NAME", "IMAGE", "NODE", "DESIRED STATE", "CURRENT STATE", "ERROR", "PORTS");

  /** The CLI cuts task errors to this length in tables. */
  private static final int MAX_ERROR_LENGTH = 30;

  private static final int SHORT_ID_LENGTH = 12;

  public record StackRow(
      @JsonProperty("Name") String name,
      @JsonProperty("Services") int services) {
    public List<String> cells() {
      return List.of(name, Integer.toString(services));
    }
  }

  public record ServiceRow(
      @JsonProperty("ID") String id,
      @JsonProperty("Name") String name,
      @JsonProperty("Mode") String mode,
      @JsonProperty("Replicas") String replicas,
      @JsonProperty("Image") String image,
      @JsonProperty("Ports") String ports) {
    public List<String> cells() {
      return List.of(id, name, mode, replicas, image, ports);
    }
  }

  public record TaskRow(
      @JsonProperty("ID") String id,
      @JsonProperty("Name") String name,
      @JsonProperty("Image") String image,
      @JsonProperty("Node") String node,
      @JsonProperty("DesiredState") String desiredState,
      @JsonProperty("CurrentState") String currentState,
      @JsonProperty("Error") String error,
      @JsonProperty("Ports") String ports) {
    public List<String> cells() {
      return List.of(id, name, image, node, desiredState, currentState, error, ports);
    }
  }

  private final SwarmEngine engine;
  private final Clock clock;
  private final UserTerms terms;

  /** @param terms how messages name what the user sets */
  public StackInspector(SwarmEngine engine, Clock clock, UserTerms terms) {
    this.engine = engine;
    this.clock = clock;
    this.terms = terms;
  }

  /** Every stack with its number of services, by name. */
  public List<StackRow> stacks() {
    engine.info().requireManager(engine.address(), terms);
    Map<String, Integer> counts = new TreeMap<>();
    for (EngineObject service : engine.listServices(Map.of())) {
      String namespace = StackLabels.label(service, StackLabels.NAMESPACE);
      if (namespace != null) {
        counts.merge(namespace, 1, Integer::sum);
      }
    }
    return counts.entrySet().stream()
        .map(e -> new StackRow(e.getKey(), e.getValue()))
        .toList();
  }

  /** The stack's services by name; empty when the stack has none. */
  public List<ServiceRow> services(String namespace) {
    engine.info().requireManager(engine.address(), terms);
    List<ObjectNode> tasks = stackTasks(namespace);
    return engine.listServices(StackLabels.of(namespace)).stream()
        .sorted(Comparator.comparing(EngineObject::name))
        .map(service -> new ServiceRow(
            shortId(service.id()),
            service.name(),
            mode(service.spec()),
            replicas(service, tasks),
            displayImage(service.spec().path("TaskTemplate")),
            ports(service.raw())))
        .toList();
  }

  /** The stack's tasks, each slot's newest first, older ones indented as the CLI does; empty when none. */
  public List<TaskRow> tasks(String namespace) {
    engine.info().requireManager(engine.address(), terms);
    Map<String, String> serviceNames = engine.listServices(StackLabels.of(namespace)).stream()
        .collect(Collectors.toMap(EngineObject::id, EngineObject::name, (a, b) -> a));
    Map<String, String> nodeNames = engine.listNodes().stream()
        .collect(Collectors.toMap(
            n -> n.path("ID").asText(),
            n -> n.path("Description").path("Hostname").asText(),
            (a, b) -> a));
    List<ObjectNode> tasks = new ArrayList<>(stackTasks(namespace));
    Map<ObjectNode, String> names = new java.util.HashMap<>();
    tasks.forEach(task -> names.put(task, taskName(task, serviceNames)));
    tasks.sort(Comparator.comparing((ObjectNode t) -> names.get(t))
        .thenComparing(t -> t.path("CreatedAt").asText(), Comparator.reverseOrder()));
    List<TaskRow> rows = new ArrayList<>();
    String previous = null;
    for (ObjectNode task : tasks) {
      String name = names.get(task);
      rows.add(taskRow(task, name.equals(previous) ? " \\_ " + name : name, nodeNames));
      previous = name;
    }
    return rows;
  }

  private List<ObjectNode> stackTasks(String namespace) {
    return engine.listTasks(StackLabels.taskFilter(namespace));
  }

  private TaskRow taskRow(ObjectNode task, String name, Map<String, String> nodeNames) {
    JsonNode status = task.path("Status");
    String error = status.path("Err").asText("");
    if (error.length() > MAX_ERROR_LENGTH) {
      error = error.substring(0, MAX_ERROR_LENGTH - 1) + "…";
    }
    Duration since = Duration.between(
        Instant.parse(status.path("Timestamp").asText(clock.instant().toString())),
        clock.instant());
    String ports = StreamSupport.stream(
            status.path("PortStatus").path("Ports").spliterator(), false)
        .map(StackInspector::port)
        .collect(Collectors.joining(","));
    return new TaskRow(
        shortId(task.path("ID").asText()),
        name,
        displayImage(task.path("Spec")),
        nodeNames.getOrDefault(task.path("NodeID").asText(), task.path("NodeID").asText()),
        capitalise(task.path("DesiredState").asText()),
        capitalise(status.path("State").asText()) + " "
            + HumanDuration.of(since).toLowerCase(Locale.ROOT) + " ago",
        error.isEmpty() ? "" : "\"" + error + "\"",
        ports);
  }

  private static String taskName(ObjectNode task, Map<String, String> serviceNames) {
    String service = serviceNames.getOrDefault(
        task.path("ServiceID").asText(), task.path("ServiceID").asText());
    int slot = task.path("Slot").asInt();
    return service + "."
        + (slot != 0 ? Integer.toString(slot) : task.path("NodeID").asText());
  }

  private static String mode(JsonNode spec) {
    JsonNode mode = spec.path("Mode");
    if (mode.has("Global")) {
      return "global";
    } else if (mode.has("ReplicatedJob")) {
      return "replicated job";
    } else if (mode.has("GlobalJob")) {
      return "global job";
    }
    return "replicated";
  }

  /** From the tasks, as the engine's service status would give it ({@code ?status=true} is not in the interface). */
  private static String replicas(EngineObject service, List<ObjectNode> tasks) {
    List<ObjectNode> own = tasks.stream()
        .filter(t -> t.path("ServiceID").asText().equals(service.id()))
        .toList();
    long running = own.stream()
        .filter(t -> "running".equals(t.path("Status").path("State").asText()))
        .count();
    long completed = own.stream()
        .filter(t -> "complete".equals(t.path("Status").path("State").asText()))
        .count();
    long desiredRunning = own.stream()
        .filter(t -> "running".equals(t.path("DesiredState").asText()))
        .count();
    JsonNode mode = service.spec().path("Mode");
    if (mode.has("ReplicatedJob")) {
      return running + "/" + desiredRunning + " (" + completed + "/"
          + mode.path("ReplicatedJob").path("TotalCompletions").asLong(1) + " completed)";
    } else if (mode.has("GlobalJob")) {
      return running + "/" + desiredRunning + " (" + completed + "/" + (desiredRunning + completed)
          + " completed)";
    } else if (mode.has("Global")) {
      return running + "/" + desiredRunning;
    }
    long desired = mode.path("Replicated").path("Replicas").asLong(1);
    long maxPerNode = service
        .spec()
        .path("TaskTemplate")
        .path("Placement")
        .path("MaxReplicas")
        .asLong(0);
    return running + "/" + desired + (maxPerNode > 0 ? " (max " + maxPerNode + " per node)" : "");
  }

  /** Ingress-published ports, one {@code *:published->target/protocol} each (the CLI also merges ranges). */
  private static String ports(JsonNode serviceRaw) {
    return StreamSupport.stream(serviceRaw.path("Endpoint").path("Ports").spliterator(), false)
        .filter(p -> "ingress".equals(p.path("PublishMode").asText("ingress")))
        .sorted(Comparator.comparing((JsonNode p) -> p.path("Protocol").asText())
            .thenComparingInt(p -> p.path("PublishedPort").asInt()))
        .map(StackInspector::port)
        .collect(Collectors.joining(", "));
  }

  private static String port(JsonNode port) {
    return "*:" + port.path("PublishedPort").asInt() + "->"
        + port.path("TargetPort").asInt() + "/" + port.path("Protocol").asText("tcp");
  }

  private static String displayImage(JsonNode taskTemplate) {
    return ImageReference.withoutDigest(
        taskTemplate.path("ContainerSpec").path("Image").asText());
  }

  private static String shortId(String id) {
    return id.length() > SHORT_ID_LENGTH ? id.substring(0, SHORT_ID_LENGTH) : id;
  }

  private static String capitalise(String state) {
    return state.isEmpty() ? state : Character.toUpperCase(state.charAt(0)) + state.substring(1);
  }
}
