package dev.swarmstack.swarm.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Whether a service spec built from the stack equals the spec the engine holds, so that an unchanged service is
 * not updated (the CLI updates every service on every deploy, restarting nothing but bumping versions and
 * spamming events).
 *
 * <p>The engine hands back more than it was given. Both sides are normalised before comparing:
 * <ul>
 *   <li>values the engine fills in when they are absent are written into the desired spec: one replica,
 *       {@code Isolation: default}, {@code Runtime: container}, endpoint mode {@code vip}, update/rollback failure action {@code pause}
 *       and order {@code stop-first};</li>
 *   <li>empty values ({@code null}, {@code ""}, {@code false}, {@code 0}, {@code {}}, {@code []}) are dropped on both
 *       sides, because the engine omits or adds them freely; the defaults above are filled in first, so a real
 *       {@code 0} (such as zero replicas) is still told apart from "not set";</li>
 *   <li>published ports without a protocol or publish mode get the engine's {@code tcp} and {@code ingress}, and
 *       compare in any order (the CLI's order of ports with the same published port varies past 12 ports);</li>
 *   <li>numbers compare by value: the engine's JSON reads {@code 2} as an int, the converter may build a long;</li>
 *   <li>fields the engine keeps as float32 compare at that precision: {@code max_failure_ratio: 0.2} reads back as
 *       {@code 0.20000000298023224};</li>
 *   <li>{@code TaskTemplate.ForceUpdate} is ignored: the deployer copies it from the existing service;</li>
 *   <li>a mount's {@code Consistency} is ignored: the CLI sends {@code consistency: cached}, engine 20.10 doesn't
 *       keep it (measured), and it means nothing to a Linux engine.</li>
 * </ul>
 * Everything else must be equal, so any field the stack sets (or stops setting) shows up as a change.
 */
public final class SpecComparison {

  /** Defaults the engine fills in, by path from the spec root; applied only where the parent object exists. */
  private static final Map<String, String> ENGINE_DEFAULTS = Map.of(
      "/TaskTemplate/ContainerSpec/Isolation", "default",
      "/TaskTemplate/Runtime", "container",
      "/EndpointSpec/Mode", "vip",
      "/UpdateConfig/FailureAction", "pause",
      "/UpdateConfig/Order", "stop-first",
      "/RollbackConfig/FailureAction", "pause",
      "/RollbackConfig/Order", "stop-first");

  /** The spec's float32 fields (swarmkit's protobuf), by the path of their parent object. */
  private static final Map<String, String> FLOAT32_FIELDS = Map.of(
      "/UpdateConfig", "MaxFailureRatio",
      "/RollbackConfig", "MaxFailureRatio");

  private SpecComparison() {}

  public static boolean same(ObjectNode desired, ObjectNode existing) {
    return normalise(desired).equals(normalise(existing));
  }

  /** The paths (JSON pointers) whose values differ, sorted; empty when {@link #same}. */
  public static List<String> differences(ObjectNode desired, ObjectNode existing) {
    return differencesOfNormalised(normalise(desired), normalise(existing));
  }

  /** {@link #differences} of specs that went through {@link #normalise} already. */
  static List<String> differencesOfNormalised(ObjectNode desired, ObjectNode existing) {
    TreeSet<String> paths = new TreeSet<>();
    collectDifferences("", desired, existing, paths);
    return new ArrayList<>(paths);
  }

  static ObjectNode normalise(ObjectNode spec) {
    ObjectNode copy = spec.deepCopy();
    if (copy.get("TaskTemplate") instanceof ObjectNode taskTemplate) {
      taskTemplate.remove("ForceUpdate");
      for (JsonNode mount : taskTemplate.path("ContainerSpec").path("Mounts")) {
        ((ObjectNode) mount).remove("Consistency");
      }
    }
    fillReplicas(copy);
    ENGINE_DEFAULTS.forEach((path, value) -> fillDefault(copy, path, value));
    for (JsonNode port : copy.path("EndpointSpec").path("Ports")) {
      fillDefault(port, "Protocol", "tcp");
      fillDefault(port, "PublishMode", "ingress");
    }
    if (copy.path("EndpointSpec").get("Ports") instanceof ArrayNode ports) {
      List<JsonNode> sorted = new ArrayList<>();
      ports.forEach(sorted::add);
      sorted.sort(
          Comparator.comparingLong((JsonNode port) -> port.path("PublishedPort").asLong())
              .thenComparingLong(port -> port.path("TargetPort").asLong())
              .thenComparing(port -> port.path("Protocol").asText())
              .thenComparing(port -> port.path("PublishMode").asText()));
      ports.removeAll().addAll(sorted);
    }
    FLOAT32_FIELDS.forEach((parent, field) -> {
      if (copy.at(parent) instanceof ObjectNode object && object.path(field).isNumber()) {
        object.put(field, (double) (float) object.get(field).asDouble());
      }
    });
    dropEmpty(copy);
    return (ObjectNode) sameNumberTypes(copy);
  }

  private static void fillReplicas(ObjectNode spec) {
    ObjectNode mode = spec.withObjectProperty("Mode");
    if (mode.isEmpty()) {
      mode.putObject("Replicated");
    }
    JsonNode replicated = mode.get("Replicated");
    if (replicated instanceof ObjectNode r && !r.has("Replicas")) {
      r.put("Replicas", 1);
    }
  }

  private static void fillDefault(ObjectNode spec, String path, String value) {
    int last = path.lastIndexOf('/');
    fillDefault(spec.at(path.substring(0, last)), path.substring(last + 1), value);
  }

  private static void fillDefault(JsonNode parent, String field, String value) {
    if (parent instanceof ObjectNode p
        && (!p.hasNonNull(field) || p.get(field).asText().isEmpty())) {
      p.put(field, value);
    }
  }

  /** Whole numbers as longs, others as doubles: Jackson's number nodes are equal only when of the same type. */
  private static JsonNode sameNumberTypes(JsonNode node) {
    if (node instanceof ObjectNode object) {
      new ArrayList<>(object.properties())
          .forEach(field -> object.set(field.getKey(), sameNumberTypes(field.getValue())));
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, sameNumberTypes(array.get(i)));
      }
    } else if (node.isIntegralNumber()) {
      return LongNode.valueOf(node.asLong());
    } else if (node.isNumber()) {
      return DoubleNode.valueOf(node.asDouble());
    }
    return node;
  }

  /** @return whether {@code node} itself is empty after dropping its empty children */
  private static boolean dropEmpty(JsonNode node) {
    if (node instanceof ObjectNode object) {
      Iterator<Map.Entry<String, JsonNode>> fields = object.properties().iterator();
      while (fields.hasNext()) {
        if (dropEmpty(fields.next().getValue())) {
          fields.remove();
        }
      }
      return object.isEmpty();
    }
    if (node instanceof ArrayNode array) {
      array.forEach(SpecComparison::dropEmpty);
      return array.isEmpty();
    }
    return node.isNull()
        || (node.isTextual() && node.asText().isEmpty())
        || (node.isBoolean() && !node.asBoolean())
        || (node.isNumber() && node.asDouble() == 0);
  }

  private static void collectDifferences(
      String path, JsonNode desired, JsonNode existing, TreeSet<String> paths) {
    if (desired instanceof ObjectNode d && existing instanceof ObjectNode e) {
      TreeSet<String> names = new TreeSet<>();
      d.fieldNames().forEachRemaining(names::add);
      e.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        collectDifferences(path + "/" + name, d.get(name), e.get(name), paths);
      }
    } else if (desired == null ? existing != null : !desired.equals(existing)) {
      paths.add(path);
    }
  }
}
