package dev.swarmstack.swarm.convert;

import static dev.swarmstack.swarm.convert.JsonComparison.parse;
import static dev.swarmstack.swarm.convert.JsonComparison.sha256;
import static dev.swarmstack.swarm.convert.JsonComparison.withoutZeroValues;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.testing.Cli;
import dev.swarmstack.swarm.testing.LeftoverContainers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One of the two deployments of a conformance case: its stack name, the requests sent to create it, what the
 * engine then holds, and its removal.
 */
final class StackDeployment {

  static final String OURS_PREFIX = "cvo";
  private static final String NAMESPACE_LABEL = "com.docker.stack.namespace";
  private static final ObjectMapper JSON = new ObjectMapper();

  final String stack;
  final String subnet;
  final DockerCommands docker;
  /** Request bodies sent to create the stack's objects, zero values left out, keyed by kind and name. */
  final Map<String, JsonNode> sent = new TreeMap<>();

  private final Map<String, String> namesById = new HashMap<>();

  /** @param ports the ports to publish, as variables ({@code PORT1}...), the same for both deployments compared */
  StackDeployment(String stack, String subnet, Map<String, String> ports, Path dir) {
    this.stack = stack;
    this.subnet = subnet;
    Map<String, String> variables = new TreeMap<>(ports);
    variables.putAll(
        Map.of("STACK", stack, "SUBNET", subnet, "SUFFIX", stack.substring(OURS_PREFIX.length())));
    this.docker = new DockerCommands(dir, variables);
  }

  void deploy(ConvertedStack converted) {
    converted.networks().values().forEach(network -> post("/networks/create", network));
    // external objects are looked up by name, as the CLI does
    Map<String, String> secretIds = idsByName("secrets");
    converted
        .secrets()
        .forEach((name, spec) ->
            secretIds.put(name, post("/secrets/create", spec).get("ID").asText()));
    Map<String, String> configIds = idsByName("configs");
    converted
        .configs()
        .forEach((name, spec) ->
            configIds.put(name, post("/configs/create", spec).get("ID").asText()));
    secretIds.forEach((name, id) -> namesById.put(id, name));
    configIds.forEach((name, id) -> namesById.put(id, name));
    converted
        .services()
        .values()
        .forEach(spec ->
            post("/services/create", ServiceSpecs.withObjectIds(spec, secretIds, configIds)));
  }

  private Map<String, String> idsByName(String kind) {
    Map<String, String> ids = new HashMap<>();
    docker
        .get("/" + kind)
        .forEach(o -> ids.put(o.path("Spec").path("Name").asText(), o.get("ID").asText()));
    return ids;
  }

  private JsonNode post(String path, ObjectNode body) {
    recordSent(path, body);
    return docker.post(path, body);
  }

  /**
   * Keeps a create request as sent, with its zero values left out (Go writes the zero value of every field
   * not marked omitempty; absent and zero mean the same to the engine), the content of secrets as a digest,
   * and IDs as names.
   */
  void recordSent(String path, JsonNode body) {
    String kind = path.split("/")[1];
    ObjectNode copy = (ObjectNode) withoutZeroValues(body.deepCopy());
    copy.remove("CheckDuplicate"); // the client adds it for engines older than API 1.44; not the
    // converter's
    if (kind.equals("secrets") && copy.has("Data")) {
      copy.put("Data", "sha256:" + sha256(copy.get("Data").asText()));
    }
    sent.put("sent " + kind + " " + body.path("Name").asText().replace(stack, "STACK"), copy);
  }

  /** The IDs the CLI's requests carry, read while its objects exist. */
  void learnIds() {
    for (String kind : List.of("secrets", "configs")) {
      docker
          .get("/" + kind)
          .forEach(o ->
              namesById.put(o.get("ID").asText(), o.path("Spec").path("Name").asText()));
    }
  }

  /** The sent bodies with IDs replaced by names and the stack name and subnet by placeholders. */
  Map<String, JsonNode> sentNormalised() {
    Map<String, JsonNode> result = new TreeMap<>();
    sent.forEach((key, body) -> {
      String text = body.toString();
      for (Map.Entry<String, String> id : namesById.entrySet()) {
        text = text.replace("\"" + id.getKey() + "\"", "\"" + id.getValue() + "\"");
      }
      result.put(key, parse(text.replace(stack, "STACK").replace(subnet, "SUBNET")));
    });
    return result;
  }

  /** What the engine holds for every object of the stack, keyed by kind and name (as placeholder). */
  Map<String, JsonNode> read(ConvertedStack converted) {
    Map<String, JsonNode> read = new LinkedHashMap<>();
    for (String kind : List.of("service", "network", "secret", "config")) {
      read.put(kind + "s of the stack", JSON.valueToTree(names(kind)));
    }
    for (String service : converted.services().keySet()) {
      read.put("service " + service, serviceSpec(service));
    }
    for (String network : converted.networks().keySet()) {
      boolean declaredSubnet = converted.networks().get(network).path("IPAM").has("Config");
      read.put("network " + network, network(network, declaredSubnet));
    }
    for (String secret : converted.secrets().keySet()) {
      read.put("secret " + secret, object("secrets", secret));
    }
    for (String config : converted.configs().keySet()) {
      read.put("config " + config, object("configs", config));
    }
    return read;
  }

  /** Names of the stack's objects of one kind, stack name as placeholder. */
  TreeSet<String> names(String kind) {
    String out = docker.run(
        "docker",
        kind,
        "ls",
        "--filter",
        "label=" + NAMESPACE_LABEL + "=" + stack,
        "--format",
        "{{.Name}}");
    TreeSet<String> names = new TreeSet<>();
    out.lines().filter(l -> !l.isBlank()).forEach(l -> names.add(l.replace(stack, "STACK")));
    return names;
  }

  /** This deployment's name of an object that the other deployment, {@code ours}, names {@code ourName}. */
  private String name(String ourName) {
    return ourName.replace(OURS_PREFIX + stack.substring(OURS_PREFIX.length()), stack);
  }

  JsonNode serviceSpec(String ourName) {
    return normalise(docker.get("/services/" + name(ourName)).path("Spec"));
  }

  JsonNode network(String ourName, boolean declaredSubnet) {
    JsonNode network = docker.get("/networks/" + name(ourName));
    ObjectNode kept = JSON.createObjectNode();
    for (String field : List.of(
        "Name",
        "Scope",
        "Driver",
        "EnableIPv6",
        "Internal",
        "Attachable",
        "Ingress",
        "ConfigOnly",
        "Options",
        "Labels")) {
      kept.set(field, network.path(field));
    }
    // the engine numbers each overlay network's VXLAN on its own
    ((ObjectNode) kept.path("Options")).remove("com.docker.network.driver.overlay.vxlanid_list");
    ObjectNode ipam = kept.putObject("IPAM");
    ipam.set("Driver", network.path("IPAM").path("Driver"));
    ipam.set("Options", network.path("IPAM").path("Options"));
    if (declaredSubnet) {
      var subnets = ipam.putArray("Subnets");
      network.path("IPAM").path("Config").forEach(c -> subnets.add(c.path("Subnet")));
    }
    return normalise(kept);
  }

  JsonNode object(String kind, String ourName) {
    return normalise(docker.get("/" + kind + "/" + name(ourName)).path("Spec"));
  }

  /** Object IDs become names, then the stack name and subnet become placeholders. */
  private JsonNode normalise(JsonNode node) {
    String text = node.toString();
    for (String kind : List.of("networks", "secrets", "configs")) {
      for (JsonNode object : docker.get("/" + kind)) {
        boolean network = object.has("Id");
        String id = network ? object.get("Id").asText() : object.get("ID").asText();
        String name = network
            ? object.get("Name").asText()
            : object.path("Spec").path("Name").asText();
        text = text.replace("\"" + id + "\"", "\"" + name + "\"");
      }
    }
    return parse(text.replace(stack, "STACK").replace(subnet, "SUBNET"));
  }

  /** Removes everything the stack created, even after a failed test. */
  void remove() {
    docker.tryRun(null, "docker", "stack", "rm", stack);
    LeftoverContainers.remove(Cli.docker(), stack + "_");
    for (String kind : List.of("service", "secret", "config", "network", "volume")) {
      for (int attempt = 0; attempt < 30; attempt++) {
        List<String> left = new ArrayList<>(docker
            .tryRun(
                null,
                "docker",
                kind,
                "ls",
                "-q",
                "--filter",
                "label=" + NAMESPACE_LABEL + "=" + stack)
            .stdout()
            .lines()
            .filter(l -> !l.isBlank())
            .toList());
        if (left.isEmpty()) {
          break;
        }
        List<String> command = new ArrayList<>(List.of("docker", kind, "rm"));
        command.addAll(left);
        docker.tryRun(null, command.toArray(String[]::new));
        sleep();
      }
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
