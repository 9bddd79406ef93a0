package dev.swarmstack.swarm.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An update's changes field by field, for people: {@code replicas 2 -> 3}, {@code image a:1.2 -> a:1.3},
 * {@code env changed: DB_URL; added: DEBUG}. Common fields get their compose names; any other field is named by
 * its JSON pointer in the service spec. Environment variables, labels and secret/config references are named, but
 * their values are never shown: an environment value may well be a password.
 */
public final class FieldChanges {

  /** Longer values are cut, so that one changed field can't flood the log. */
  static final int MAX_VALUE_LENGTH = 80;

  /** JSON pointer to the compose name of fields whose values are shown as they are. */
  private static final Map<String, String> VALUE_FIELDS = Map.ofEntries(
      Map.entry("/Mode/Replicated/Replicas", "replicas"),
      Map.entry("/TaskTemplate/ContainerSpec/Image", "image"),
      Map.entry("/TaskTemplate/ContainerSpec/Command", "entrypoint"),
      Map.entry("/TaskTemplate/ContainerSpec/Args", "command"),
      Map.entry("/TaskTemplate/ContainerSpec/User", "user"),
      Map.entry("/TaskTemplate/ContainerSpec/Dir", "working_dir"),
      Map.entry("/TaskTemplate/ContainerSpec/Hostname", "hostname"),
      Map.entry("/TaskTemplate/ContainerSpec/StopGracePeriod", "stop_grace_period"),
      Map.entry("/TaskTemplate/Resources/Limits/NanoCPUs", "resources.limits.cpus"),
      Map.entry("/TaskTemplate/Resources/Limits/MemoryBytes", "resources.limits.memory"),
      Map.entry("/TaskTemplate/Resources/Limits/Pids", "resources.limits.pids"),
      Map.entry("/TaskTemplate/Resources/Reservations/NanoCPUs", "resources.reservations.cpus"),
      Map.entry(
          "/TaskTemplate/Resources/Reservations/MemoryBytes", "resources.reservations.memory"),
      Map.entry("/TaskTemplate/Placement/Constraints", "placement.constraints"),
      Map.entry("/TaskTemplate/Placement/MaxReplicas", "placement.max_replicas_per_node"),
      Map.entry("/TaskTemplate/RestartPolicy/Condition", "restart_policy.condition"),
      Map.entry("/TaskTemplate/RestartPolicy/MaxAttempts", "restart_policy.max_attempts"),
      Map.entry("/UpdateConfig/Parallelism", "update_config.parallelism"),
      Map.entry("/UpdateConfig/FailureAction", "update_config.failure_action"),
      Map.entry("/UpdateConfig/Monitor", "update_config.monitor"),
      Map.entry("/UpdateConfig/Order", "update_config.order"),
      Map.entry("/EndpointSpec/Mode", "endpoint_mode"));

  /** JSON pointer to the compose name of fields whose entries are named, never shown with their values. */
  private static final Map<String, String> NAMED_ENTRY_FIELDS = Map.of(
      "/TaskTemplate/ContainerSpec/Env", "environment",
      "/Labels", "deploy.labels",
      "/TaskTemplate/ContainerSpec/Labels", "labels",
      "/TaskTemplate/ContainerSpec/Secrets", "secrets",
      "/TaskTemplate/ContainerSpec/Configs", "configs");

  private FieldChanges() {}

  /**
   * @param desired the spec the deploy would send, with object ids (as {@link SpecComparison} compares it)
   * @param existing the spec the engine holds
   * @return one line per changed field, sorted by JSON pointer
   */
  public static List<String> of(ObjectNode desired, ObjectNode existing) {
    ObjectNode before = SpecComparison.normalise(existing);
    ObjectNode after = SpecComparison.normalise(desired);
    List<String> lines = new ArrayList<>();
    for (String path : SpecComparison.differencesOfNormalised(after, before)) {
      lines.add(describe(path, before.at(path), after.at(path)));
    }
    return lines;
  }

  static String describe(String path, JsonNode before, JsonNode after) {
    String entryField = NAMED_ENTRY_FIELDS.get(path);
    if (entryField != null) {
      return entryField + " " + entryChanges(entries(before), entries(after));
    }
    if (path.equals("/EndpointSpec/Ports")) {
      return "ports " + ports(before) + " -> " + ports(after);
    }
    String name = VALUE_FIELDS.getOrDefault(path, path);
    return name + " " + value(path, before) + " -> " + value(path, after);
  }

  /** Entries by name: {@code K=V} strings, label objects, or secret/config references. */
  private static Map<String, String> entries(JsonNode node) {
    Map<String, String> entries = new TreeMap<>();
    if (node.isObject()) {
      node.properties()
          .forEach(entry -> entries.put(entry.getKey(), entry.getValue().toString()));
    }
    for (JsonNode element : node.isArray() ? node : List.<JsonNode>of()) {
      if (element.isTextual()) {
        String text = element.asText();
        int equals = text.indexOf('=');
        entries.put(equals < 0 ? text : text.substring(0, equals), text);
      } else {
        String key =
            element.path("SecretName").asText(element.path("ConfigName").asText(""));
        entries.put(key, element.toString());
      }
    }
    return entries;
  }

  private static String entryChanges(Map<String, String> before, Map<String, String> after) {
    TreeSet<String> added = new TreeSet<>(after.keySet());
    added.removeAll(before.keySet());
    TreeSet<String> removed = new TreeSet<>(before.keySet());
    removed.removeAll(after.keySet());
    TreeSet<String> changed = new TreeSet<>();
    after.forEach((key, value) -> {
      if (before.containsKey(key) && !before.get(key).equals(value)) {
        changed.add(key);
      }
    });
    List<String> parts = new ArrayList<>();
    addPart(parts, "changed", changed);
    addPart(parts, "added", added);
    addPart(parts, "removed", removed);
    return String.join("; ", parts);
  }

  private static void addPart(List<String> parts, String what, TreeSet<String> names) {
    if (!names.isEmpty()) {
      parts.add(what + ": " + String.join(", ", names));
    }
  }

  /** {@code 8080:80/tcp}, {@code 9000:9000/udp (host)}: as compose's short syntax would say it. */
  private static String ports(JsonNode ports) {
    if (!ports.isArray() || ports.isEmpty()) {
      return "(none)";
    }
    List<String> shown = new ArrayList<>();
    for (JsonNode port : ports) {
      String published = port.path("PublishedPort").asLong(0) == 0
          ? ""
          : port.path("PublishedPort").asText() + ":";
      String mode = port.path("PublishMode").asText("ingress").equals("host") ? " (host)" : "";
      shown.add(published + port.path("TargetPort").asText() + "/"
          + port.path("Protocol").asText("tcp") + mode);
    }
    return "[" + String.join(", ", shown) + "]";
  }

  private static String value(String path, JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return "(unset)";
    }
    if (path.endsWith("/NanoCPUs")) {
      return trimmed(node.asLong() / 1e9);
    }
    if (path.endsWith("/MemoryBytes")) {
      return bytes(node.asLong());
    }
    if (path.endsWith("/Monitor") || path.endsWith("/StopGracePeriod") || path.endsWith("/Delay")) {
      return trimmed(node.asLong() / 1e9) + "s";
    }
    String text = node.isTextual() ? node.asText() : node.toString();
    return text.length() > MAX_VALUE_LENGTH
        ? text.substring(0, MAX_VALUE_LENGTH - 3) + "..."
        : text;
  }

  private static String bytes(long bytes) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < units.length - 1 && value % 1024 == 0) {
      value /= 1024;
      unit++;
    }
    return trimmed(value) + units[unit];
  }

  private static String trimmed(double value) {
    return value == Math.rint(value)
        ? Long.toString((long) value)
        : String.format(Locale.ROOT, "%.3f", value).replaceAll("0+$", "");
  }
}
