package dev.swarmstack.swarm.differential;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.swarmstack.swarm.testing.Cli;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What {@code docker service/network/secret/config inspect} show of one stack, normalised so that a stack deployed
 * by the CLI and the same stack deployed by the plugin under another name compare equal:
 * <ul>
 *   <li>engine-assigned ids (network targets, secret and config ids) become {@code <id of NAME>};
 *   <li>the stack name becomes {@code <stack>} everywhere (object names, namespace labels, mount sources...);
 *   <li>the few values that the engine allocates or that only the plugin sets are removed (see {@link #normalise}).
 * </ul>
 * Keys are the normalised object names. Service versions are kept aside, to tell which services a deploy updated.
 */
record StackSnapshot(
    SortedMap<String, JsonNode> services,
    SortedMap<String, Long> serviceVersions,
    SortedMap<String, JsonNode> networks,
    SortedMap<String, JsonNode> secrets,
    SortedMap<String, JsonNode> configs) {

  static final String STACK = "<stack>";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NAMESPACE_LABEL = "com.docker.stack.namespace";
  /** The plugin's own label on secrets and configs, how it detects content changes (the engine never returns data). */
  private static final String CONTENT_HASH_LABEL = "dev.swarmstack.content-hash";
  /** Overlay networks get a VXLAN id from the engine's allocator: never the same for two networks. */
  private static final String VXLAN_OPTION = "com.docker.network.driver.overlay.vxlanid_list";

  static StackSnapshot of(Cli cli, String stack) {
    Map<String, String> names = idsToNames(cli);
    SortedMap<String, JsonNode> services = new TreeMap<>();
    SortedMap<String, Long> versions = new TreeMap<>();
    for (JsonNode service : inspect(cli, "service", stack)) {
      String name = service.path("Spec").path("Name").asText().replace(stack, STACK);
      JsonNode spec = normalise(service.path("Spec"), stack, names);
      sortFileReferences(spec.path("TaskTemplate").path("ContainerSpec"));
      services.put(name, spec);
      versions.put(name, service.path("Version").path("Index").asLong());
    }
    SortedMap<String, JsonNode> networks = new TreeMap<>();
    for (JsonNode network : inspect(cli, "network", stack)) {
      ObjectNode spec = JSON.createObjectNode();
      for (String field : List.of(
          "Name",
          "Driver",
          "Scope",
          "Internal",
          "Attachable",
          "Ingress",
          "ConfigOnly",
          "Options",
          "Labels")) {
        spec.set(field, network.get(field));
      }
      spec.put("IPAMDriver", network.path("IPAM").path("Driver").asText());
      ArrayNode subnets = spec.putArray("Subnets");
      network
          .path("IPAM")
          .path("Config")
          .forEach(config -> subnets.add(subnet(config.path("Subnet").asText())));
      if (spec.get("Options") instanceof ObjectNode options) {
        options.remove(VXLAN_OPTION);
      }
      networks.put(
          network.path("Name").asText().replace(stack, STACK), normalise(spec, stack, names));
    }
    return new StackSnapshot(
        services,
        versions,
        networks,
        fileObjects(cli, "secret", stack, names),
        fileObjects(cli, "config", stack, names));
  }

  /**
   * The CLI sorts secret and config references by name only, with Go's unstable sort: two references to one config
   * (at two targets) come in either order from one deploy to the next. Compared in a fixed order.
   */
  private static void sortFileReferences(JsonNode containerSpec) {
    for (String field : List.of("Secrets", "Configs")) {
      if (containerSpec.get(field) instanceof ArrayNode references) {
        List<JsonNode> sorted = new ArrayList<>();
        references.forEach(sorted::add);
        sorted.sort(Comparator.comparing(JsonNode::toString));
        references.removeAll();
        references.addAll(sorted);
      }
    }
  }

  private static SortedMap<String, JsonNode> fileObjects(
      Cli cli, String kind, String stack, Map<String, String> names) {
    SortedMap<String, JsonNode> objects = new TreeMap<>();
    for (JsonNode object : inspect(cli, kind, stack)) {
      ObjectNode spec = object.path("Spec").deepCopy();
      if (spec.get("Labels") instanceof ObjectNode labels) {
        labels.remove(CONTENT_HASH_LABEL);
      }
      objects.put(spec.path("Name").asText().replace(stack, STACK), normalise(spec, stack, names));
    }
    return objects;
  }

  /**
   * A subnet the compose file set, or {@code <allocated>} for one the engine chose from its default pool
   * (10.0.0.0/8 in /24s), which depends on what else the swarm holds. The cases set theirs outside that pool.
   */
  private static String subnet(String subnet) {
    return subnet.startsWith("10.") ? "<allocated>" : subnet;
  }

  /** Inspects every object of {@code kind} labelled with the stack's namespace. */
  private static List<JsonNode> inspect(Cli cli, String kind, String stack) {
    String filter = "label=" + NAMESPACE_LABEL + "=" + stack;
    List<String> command = new ArrayList<>(List.of(kind, "inspect"));
    cli.ok(kind, "ls", "--filter", filter, "--format", "{{.Name}}")
        .lines()
        .filter(line -> !line.isBlank())
        .forEach(command::add);
    if (command.size() == 2) {
      return List.of();
    }
    List<JsonNode> objects = new ArrayList<>();
    read(cli.ok(command.toArray(String[]::new))).forEach(objects::add);
    return objects;
  }

  /** Every network, secret and config id the engine knows, to its name. */
  private static Map<String, String> idsToNames(Cli cli) {
    Map<String, String> names = new HashMap<>();
    for (List<String> listing : List.of(
        List.of("network", "ls", "--no-trunc"), List.of("secret", "ls"), List.of("config", "ls"))) {
      List<String> command = new ArrayList<>(listing);
      command.addAll(List.of("--format", "{{.ID}} {{.Name}}"));
      cli.ok(command.toArray(String[]::new))
          .lines()
          .map(line -> line.split(" ", 2))
          .filter(parts -> parts.length == 2)
          .forEach(parts -> names.put(parts[0], parts[1]));
    }
    return names;
  }

  /** Ids to names first (the names contain the stack name), then the stack name to {@link #STACK}. */
  private static JsonNode normalise(JsonNode node, String stack, Map<String, String> names) {
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      String text = node.asText();
      String named = names.containsKey(text) ? "<id of " + names.get(text) + ">" : text;
      return TextNode.valueOf(named.replace(stack, STACK));
    }
    if (node.isObject()) {
      ObjectNode copy = JSON.createObjectNode();
      node.properties()
          .forEach(field -> copy.set(field.getKey(), normalise(field.getValue(), stack, names)));
      return copy;
    }
    if (node.isArray()) {
      var copy = JSON.createArrayNode();
      node.forEach(element -> copy.add(normalise(element, stack, names)));
      return copy;
    }
    return node;
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("docker printed no JSON: " + json, e);
    }
  }
}
