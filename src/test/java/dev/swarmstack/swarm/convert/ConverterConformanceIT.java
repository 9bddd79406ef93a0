package dev.swarmstack.swarm.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.compose.ComposeMapper;
import dev.swarmstack.swarm.compose.LoadedStack;
import dev.swarmstack.swarm.compose.SourceMap;
import dev.swarmstack.swarm.model.ComposeFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Differential test against the real CLI: each case is deployed twice on the engine, once by {@code docker
 * stack deploy} and once from our converted specs through the raw Engine API, and what the engine then holds
 * is compared. The engine adds its defaults to both alike, so any difference is ours. The two stacks differ
 * only in their name (and in a subnet, which must not overlap); both are written as placeholders before
 * comparing, and object IDs are replaced by object names.
 */
class ConverterConformanceIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NAMESPACE_LABEL = "com.docker.stack.namespace";
  private static final String OURS_PREFIX = "cvo";

  @ParameterizedTest
  @ValueSource(strings = {"full.yml", "modes.yml"})
  void specsMatchWhatTheCliDeploys(String caseFile, @TempDir Path dir) throws IOException {
    writeCase(caseFile, dir);
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    Deployment cli = new Deployment("cvc" + suffix, "10.123.1.0/24", dir);
    Deployment ours = new Deployment(OURS_PREFIX + suffix, "10.123.2.0/24", dir);
    try {
      cli.docker.run("docker", "image", "inspect", "local/busybox:1");
      String normalised = ours.docker.run("docker", "stack", "config", "-c", "case.yml");
      ComposeFile compose = ComposeMapper.yaml().readValue(normalised, ComposeFile.class);
      ConvertedStack converted = new StackConverter(ours.stack, key -> Optional.ofNullable(System.getenv(key)))
          .convert(new LoadedStack(compose, new SourceMap(), List.of(), dir));

      // one after the other: both would publish the same ingress ports
      Map<String, JsonNode> expected = new java.util.LinkedHashMap<>();
      try (RecordingProxy proxy = new RecordingProxy(dir)) {
        cli.docker.run("docker", "-H", proxy.host(), "stack", "deploy", "--resolve-image", "never", "-c", "case.yml",
            cli.stack);
        for (RecordingProxy.Request request : proxy.requests()) {
          if (request.method().equals("POST") && request.path().matches("/(networks|secrets|configs|services)/create")) {
            cli.recordSent(request.path(), JSON.readTree(request.body()));
          }
        }
      }
      cli.learnIds();
      expected.putAll(cli.sentNormalised());
      expected.putAll(cli.read(converted));
      cli.remove();
      ours.deploy(converted);
      Map<String, JsonNode> actual = new java.util.LinkedHashMap<>(ours.sentNormalised());
      actual.putAll(ours.read(converted));

      // kept for a reader who wants to see what was compared
      Path report = Path.of("target", "conformance", caseFile.replace(".yml", ".cli.json"));
      Files.createDirectories(report.getParent());
      Files.writeString(report, pretty(JSON.valueToTree(expected)));

      int values = 0;
      for (Map.Entry<String, JsonNode> entry : expected.entrySet()) {
        values += assertSame(entry.getKey(), entry.getValue(), actual.get(entry.getKey()));
      }
      System.out.printf("%s: %d services, %d networks, %d secrets, %d configs equal (%d values compared)%n",
          caseFile, converted.services().size(), converted.networks().size(), converted.secrets().size(),
          converted.configs().size(), values);
    } finally {
      cli.remove();
      ours.remove();
    }
  }

  private static int assertSame(String what, JsonNode expected, JsonNode actual) throws IOException {
    assertFalse(expected.isMissingNode() || actual == null, what + " not found");
    assertEquals(pretty(expected), pretty(actual), what + " differs from what the CLI deployed");
    return countLeaves(expected);
  }

  private static String pretty(JsonNode node) throws IOException {
    // member order means nothing in JSON: compare sorted
    return JSON.writerWithDefaultPrettyPrinter().with(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .writeValueAsString(JSON.treeToValue(node, Object.class));
  }

  private static int countLeaves(JsonNode node) {
    if (!node.isContainerNode()) {
      return 1;
    }
    int count = 0;
    for (JsonNode child : node) {
      count += countLeaves(child);
    }
    return count;
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** The node without null, false, 0, "", [] and {} members, recursively; null when nothing is left. */
  private static JsonNode withoutZeroValues(JsonNode node) {
    if (node.isObject()) {
      ObjectNode result = JSON.createObjectNode();
      node.fields().forEachRemaining(field -> {
        JsonNode value = withoutZeroValues(field.getValue());
        if (value != null) {
          result.set(field.getKey(), value);
        }
      });
      return result.isEmpty() ? null : result;
    }
    if (node.isArray()) {
      var result = JSON.createArrayNode();
      node.forEach(element -> {
        JsonNode value = withoutZeroValues(element);
        result.add(value == null ? JSON.nullNode() : value);
      });
      return result.isEmpty() ? null : result;
    }
    boolean zero = node.isNull() || (node.isBoolean() && !node.asBoolean())
        || (node.isNumber() && node.asDouble() == 0) || (node.isTextual() && node.asText().isEmpty());
    return zero ? null : node;
  }

  private static String sha256(String text) {
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static void writeCase(String caseFile, Path dir) throws IOException {
    try (InputStream in = ConverterConformanceIT.class.getResourceAsStream("/convert/cases/" + caseFile)) {
      Files.write(dir.resolve("case.yml"), in.readAllBytes());
    }
    Files.writeString(dir.resolve("secret.txt"), "not-a-real-secret\n");
    Files.writeString(dir.resolve("config.txt"), "stack {{ .Service.Name }}\n");
    Files.writeString(dir.resolve("one.env"), "# env file\nFROM_FILE=file\nOVERRIDDEN=by-file\n  SPACED=kept as is \n");
  }

  /** One of the two deployments of a case: its stack name, its docker, and how it reads back. */
  private static final class Deployment {
    final String stack;
    final String subnet;
    final DockerCommands docker;

    Deployment(String stack, String subnet, Path dir) {
      this.stack = stack;
      this.subnet = subnet;
      this.docker = new DockerCommands(dir, Map.of("STACK", stack, "SUBNET", subnet));
    }

    /** Request bodies sent to create the stack's objects, normalised, keyed by kind and name. */
    final Map<String, JsonNode> sent = new java.util.TreeMap<>();
    private final Map<String, String> namesById = new HashMap<>();

    void deploy(ConvertedStack converted) {
      converted.networks().values().forEach(network -> post("/networks/create", network));
      Map<String, String> secretIds = new HashMap<>();
      converted.secrets().forEach((name, spec) -> secretIds.put(name, post("/secrets/create", spec).get("ID").asText()));
      Map<String, String> configIds = new HashMap<>();
      converted.configs().forEach((name, spec) -> configIds.put(name, post("/configs/create", spec).get("ID").asText()));
      secretIds.forEach((name, id) -> namesById.put(id, name));
      configIds.forEach((name, id) -> namesById.put(id, name));
      converted.services().values().forEach(spec ->
          post("/services/create", ServiceSpecs.withObjectIds(spec, secretIds, configIds)));
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
      copy.remove("CheckDuplicate"); // the client adds it for engines older than API 1.44; not the converter's
      if (kind.equals("secrets") && copy.has("Data")) {
        copy.put("Data", "sha256:" + sha256(copy.get("Data").asText()));
      }
      sent.put("sent " + kind + " " + body.path("Name").asText().replace(stack, "STACK"), copy);
    }

    /** The IDs the CLI's requests carry, read while its objects exist. */
    void learnIds() {
      for (String kind : List.of("secrets", "configs")) {
        docker.get("/" + kind).forEach(o -> namesById.put(o.get("ID").asText(), o.path("Spec").path("Name").asText()));
      }
    }

    /** The sent bodies with IDs replaced by names and the stack name and subnet by placeholders. */
    Map<String, JsonNode> sentNormalised() {
      Map<String, JsonNode> result = new java.util.TreeMap<>();
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
      Map<String, JsonNode> read = new java.util.LinkedHashMap<>();
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
      String out = docker.run("docker", kind, "ls", "--filter", "label=" + NAMESPACE_LABEL + "=" + stack,
          "--format", "{{.Name}}");
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
      for (String field : List.of("Name", "Scope", "Driver", "EnableIPv6", "Internal", "Attachable", "Ingress",
          "ConfigOnly", "Options", "Labels")) {
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
          String name = network ? object.get("Name").asText() : object.path("Spec").path("Name").asText();
          text = text.replace("\"" + id + "\"", "\"" + name + "\"");
        }
      }
      return parse(text.replace(stack, "STACK").replace(subnet, "SUBNET"));
    }

    /** Removes everything the stack created, even after a failed test. */
    void remove() {
      docker.tryRun(null, "docker", "stack", "rm", stack);
      for (String kind : List.of("service", "secret", "config", "network", "volume")) {
        for (int attempt = 0; attempt < 30; attempt++) {
          List<String> left = new ArrayList<>(docker.tryRun(null, "docker", kind, "ls", "-q", "--filter",
              "label=" + NAMESPACE_LABEL + "=" + stack).stdout().lines().filter(l -> !l.isBlank()).toList());
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
}
