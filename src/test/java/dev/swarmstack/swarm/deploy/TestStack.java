package dev.swarmstack.swarm.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.convert.ConvertedStack;
import dev.swarmstack.swarm.stack.StackLabels;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A converted stack written by hand in the Engine API's JSON, as the converter produces it, so that deploy tests
 * depend on the engine only. Mutable, so a test can change one thing and deploy again.
 */
final class TestStack {

  static final String IMAGE = "local/busybox:1";
  private static final ObjectMapper JSON = new ObjectMapper();

  final String namespace;
  final TreeMap<String, ObjectNode> networks = new TreeMap<>();
  final TreeSet<String> externalNetworks = new TreeSet<>();
  final TreeMap<String, ObjectNode> secrets = new TreeMap<>();
  final TreeMap<String, ObjectNode> configs = new TreeMap<>();
  final TreeMap<String, ObjectNode> services = new TreeMap<>();

  TestStack(String namespace) {
    this.namespace = namespace;
  }

  /** Two services on one network, the first with a secret and a config. */
  static TestStack twoServices(String namespace) {
    TestStack stack = new TestStack(namespace);
    stack.network("back");
    stack.secret("token", "s3cret");
    stack.config("settings", "level=info");
    ObjectNode web = stack.service("web", IMAGE, "back");
    ObjectNode container = (ObjectNode) web.path("TaskTemplate").path("ContainerSpec");
    container
        .putArray("Secrets")
        .addObject()
        .put("SecretName", namespace + "_token")
        .putObject("File")
        .put("Name", "token")
        .put("UID", "0")
        .put("GID", "0")
        .put("Mode", 292);
    container
        .putArray("Configs")
        .addObject()
        .put("ConfigName", namespace + "_settings")
        .putObject("File")
        .put("Name", "/etc/settings")
        .put("UID", "0")
        .put("GID", "0")
        .put("Mode", 292);
    stack.service("worker", IMAGE, "back");
    return stack;
  }

  ConvertedStack converted() {
    return new ConvertedStack(
        copy(networks),
        new TreeSet<>(externalNetworks),
        copy(secrets),
        copy(configs),
        copy(services));
  }

  String scoped(String name) {
    return namespace + "_" + name;
  }

  ObjectNode network(String name) {
    ObjectNode request = JSON.createObjectNode().put("Name", scoped(name)).put("Driver", "overlay");
    request.putObject("Labels").put(StackLabels.NAMESPACE, namespace);
    networks.put(scoped(name), request);
    return request;
  }

  ObjectNode secret(String name, String content) {
    ObjectNode spec = fileObject(name, content);
    secrets.put(scoped(name), spec);
    return spec;
  }

  ObjectNode config(String name, String content) {
    ObjectNode spec = fileObject(name, content);
    configs.put(scoped(name), spec);
    return spec;
  }

  ObjectNode service(String name, String image, String network) {
    ObjectNode spec = JSON.createObjectNode().put("Name", scoped(name));
    spec.putObject("Labels").put(StackLabels.NAMESPACE, namespace).put(StackLabels.IMAGE, image);
    ObjectNode taskTemplate = spec.putObject("TaskTemplate");
    ObjectNode container = taskTemplate.putObject("ContainerSpec").put("Image", image);
    container.putArray("Args").add("sleep").add("3600");
    container.putObject("Labels").put(StackLabels.NAMESPACE, namespace);
    taskTemplate
        .putArray("Networks")
        .addObject()
        .put("Target", scoped(network))
        .putArray("Aliases")
        .add(name);
    spec.putObject("Mode").putObject("Replicated").put("Replicas", 1);
    spec.putObject("EndpointSpec").put("Mode", "vip");
    services.put(scoped(name), spec);
    return spec;
  }

  private ObjectNode fileObject(String name, String content) {
    ObjectNode spec = JSON.createObjectNode()
        .put("Name", scoped(name))
        .put("Data", Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8)));
    spec.putObject("Labels").put(StackLabels.NAMESPACE, namespace);
    return spec;
  }

  private static TreeMap<String, ObjectNode> copy(TreeMap<String, ObjectNode> objects) {
    TreeMap<String, ObjectNode> copy = new TreeMap<>();
    objects.forEach((name, spec) -> copy.put(name, spec.deepCopy()));
    return copy;
  }
}
