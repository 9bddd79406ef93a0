package dev.swarmstack.swarm.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.inspect.ReportJson;
import dev.swarmstack.swarm.inspect.Table;
import dev.swarmstack.swarm.watch.ServiceTracker;
import dev.swarmstack.swarm.watch.WatchResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one {@code swarm:deploy} did, for the summary table and {@code target/swarm/<stack>-deploy.json}: the plan,
 * how long each phase took, each service's final state, and any failure and rollback. Holds no secret value: plan
 * lines never show one, and specs are not included.
 */
public final class RolloutReport {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** How the deploy ended. */
  public enum Outcome {
    APPLIED,
    CONVERGED,
    FAILED,
    ROLLED_BACK,
    ROLLBACK_FAILED
  }

  /** One row of the summary table. */
  public record ServiceRow(
      String service, String mode, String replicas, String image, String state, String time) {}

  final DeployPlan plan;
  final Map<String, Long> timingsMillis = new LinkedHashMap<>();
  final List<ServiceRow> services = new ArrayList<>();
  Outcome outcome = Outcome.APPLIED;
  final List<String> failure = new ArrayList<>();
  final List<String> rollback = new ArrayList<>();

  RolloutReport(DeployPlan plan) {
    this.plan = plan;
  }

  public Outcome outcome() {
    return outcome;
  }

  public List<ServiceRow> services() {
    return List.copyOf(services);
  }

  void time(String phase, Duration duration) {
    timingsMillis.put(phase, duration.toMillis());
  }

  /** The summary table's rows from the engine's services and the watch that followed them. */
  void summarise(List<ObjectNode> engineServices, WatchResult watch, String namespace) {
    for (ObjectNode service : engineServices) {
      String name = service.path("Spec").path("Name").asText();
      String shortName =
          name.startsWith(namespace + "_") ? name.substring(namespace.length() + 1) : name;
      ServiceTracker tracker = watch == null
          ? null
          : watch.services().stream()
              .filter(t -> t.name().equals(shortName))
              .findFirst()
              .orElse(null);
      services.add(new ServiceRow(
          shortName,
          mode(service),
          replicas(service),
          service
              .path("Spec")
              .path("TaskTemplate")
              .path("ContainerSpec")
              .path("Image")
              .asText(),
          tracker == null
              ? "not watched"
              : tracker.isConverged() ? "converged" + tracker.leftOut() : tracker.shown(),
          tracker == null
              ? ""
              : tracker
                  .convergedAfter()
                  .map(d -> String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0))
                  .orElse("")));
    }
  }

  /** The summary as a CLI-style table. */
  public List<String> table() {
    List<List<String>> rows = services.stream()
        .map(r -> List.of(r.service(), r.mode(), r.replicas(), r.image(), r.state(), r.time()))
        .toList();
    return Table.render(List.of("SERVICE", "MODE", "REPLICAS", "IMAGE", "STATE", "TIME"), rows);
  }

  public String toJson() {
    ObjectNode json = JSON.createObjectNode();
    json.put("stack", plan.namespace());
    json.put("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT));
    ArrayNode changes = json.putArray("plan");
    plan.changes().forEach(change -> {
      ObjectNode entry = changes
          .addObject()
          .put("kind", change.kind().label())
          .put("name", change.name())
          .put("change", change.change().label())
          .put("detail", change.detail());
      if (!change.fieldChanges().isEmpty()) {
        change.fieldChanges().forEach(entry.putArray("fields")::add);
      }
    });
    ObjectNode timings = json.putObject("timingsMillis");
    timingsMillis.forEach(timings::put);
    json.set("services", JSON.valueToTree(services));
    failure.forEach(json.withArray("failure")::add);
    rollback.forEach(json.withArray("rollback")::add);
    return ReportJson.write(json);
  }

  private static String mode(ObjectNode service) {
    var mode = service.path("Spec").path("Mode");
    if (mode.has("Global")) {
      return "global";
    }
    if (mode.has("ReplicatedJob")) {
      return "replicated-job";
    }
    return mode.has("GlobalJob") ? "global-job" : "replicated";
  }

  private static String replicas(ObjectNode service) {
    var mode = service.path("Spec").path("Mode");
    if (mode.has("Replicated")) {
      return mode.path("Replicated").path("Replicas").asText("1");
    }
    if (mode.has("ReplicatedJob")) {
      return mode.path("ReplicatedJob").path("TotalCompletions").asText("1");
    }
    return "-";
  }
}
