package dev.swarmstack.swarm.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.convert.ConvertedStack;
import dev.swarmstack.swarm.engine.EngineObject;
import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.problem.Origin;
import dev.swarmstack.swarm.problem.Problem;
import dev.swarmstack.swarm.problem.Problems;
import dev.swarmstack.swarm.problem.UserTerms;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The deploy-time count reads nodes, networks and services from the engine (a fake here; the IT uses the real one). */
class LiveCapacityCheckTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String READY =
      "{\"Spec\": {\"Availability\": \"active\"}, \"Status\": {\"State\": \"ready\"}}";

  private final List<ObjectNode> nodes = new ArrayList<>();
  private final List<EngineObject> networks = new ArrayList<>();
  private final List<EngineObject> services = new ArrayList<>();
  private final SortedMap<String, ObjectNode> stackNetworks = new TreeMap<>();
  private final TreeSet<String> externalNetworks = new TreeSet<>();
  private final SortedMap<String, ObjectNode> stackServices = new TreeMap<>();
  private final SortedMap<String, Origin> origins = new TreeMap<>();

  private final SwarmEngine engine = (SwarmEngine) Proxy.newProxyInstance(
      getClass().getClassLoader(),
      new Class<?>[] {SwarmEngine.class},
      (proxy, method, args) -> switch (method.getName()) {
        case "listNodes" -> nodes;
        case "listNetworks" -> networks;
        case "listServices" -> services;
        default -> throw new AssertionError("the check only reads lists, not " + method.getName());
      });

  @Test
  void globalServicesRunOnEveryReadyActiveNode() {
    node(READY);
    node(READY);
    node(READY);
    node("{\"Spec\": {\"Availability\": \"drain\"}, \"Status\": {\"State\": \"ready\"}}");
    node("{\"Spec\": {\"Availability\": \"active\"}, \"Status\": {\"State\": \"down\"}}");
    stackNetwork(
        "app_n",
        "{\"Name\": \"app_n\", \"Driver\": \"overlay\", \"IPAM\": {\"Config\": [{\"Subnet\": \"10.1.0.0/29\"}]}}");
    stackService(
        "app_agent",
        "{\"Mode\": {\"Global\": {}}, \"TaskTemplate\": {\"Networks\": [{\"Target\": \"app_n\"}]}}");

    // 1 VIP + 3 tasks + 3 load balancers = 7 > 5
    assertTrue(onlyError().message().startsWith("network app_n needs 7 addresses but has 5:"));
  }

  @Test
  void anExistingStackNetworkIsCountedWithTheSubnetItHas() {
    node(READY);
    networks.add(network(
        "id1",
        "app_n",
        "{\"Driver\": \"overlay\", \"IPAM\": {\"Config\": [{\"Subnet\": \"10.1.0.0/29\","
            + " \"Gateway\": \"10.1.0.1\"}]}}"));
    stackNetwork(
        "app_n",
        "{\"Name\": \"app_n\", \"Driver\": \"overlay\", \"IPAM\": {\"Config\": [{\"Subnet\": \"10.1.0.0/20\"}]}}");
    stackService(
        "app_web",
        "{\"Mode\": {\"Replicated\": {\"Replicas\": 4}}, \"TaskTemplate\": {\"Networks\": [{\"Target\": \"app_n\"}]}}");

    Problem error = onlyError();
    assertTrue(error.message().contains("its subnet 10.1.0.0/29"), error.message());
    assertTrue(
        error.message().contains("The network exists since an earlier deploy"), error.message());
    assertEquals(new Origin("stack.yml:3:3"), error.origin());
  }

  @Test
  void servicesOfOtherStacksOnAnExternalNetworkTakeItsAddresses() {
    node(READY);
    networks.add(network(
        "id9",
        "shared",
        "{\"Driver\": \"overlay\", \"IPAM\": {\"Config\": [{\"Subnet\": \"10.9.0.0/28\"}]}}"));
    externalNetworks.add("shared");
    stackService(
        "app_web",
        "{\"Mode\": {\"Replicated\": {\"Replicas\": 2}}, \"TaskTemplate\": {\"Networks\": [{\"Target\": \"shared\"}]}}");
    services.add(
        service(
            "app_web",
            "{\"Mode\": {\"Replicated\": {\"Replicas\": 1}}, \"TaskTemplate\": {\"Networks\": [{\"Target\": \"id9\"}]}}"));
    services.add(service(
        "other_db",
        "{\"Mode\": {\"Replicated\": {\"Replicas\": 8}}, \"TaskTemplate\": {\"Networks\": [{\"Target\": \"id9\"}]},"
            + " \"EndpointSpec\": {\"Mode\": \"dnsrr\"}}"));

    // the stack's own app_web is replaced, not added: 1 VIP + 2 tasks, other_db 8 tasks, 1 load
    // balancer = 12 <= 13
    assertEquals(List.of(), check());
    services.add(
        service("other_api", "{\"TaskTemplate\": {\"Networks\": [{\"Target\": \"id9\"}]}}"));
    Problem error = onlyError();
    assertTrue(error.message().contains("needs 14 addresses but has 13"), error.message());
    assertTrue(
        error.message().contains("of which 10 are taken by services outside this stack"),
        error.message());
    assertTrue(error.message().contains("The network is not the stack's"), error.message());
  }

  @Test
  void ingressIsCountedWhenTheStackPublishesPortsThroughIt() {
    node(READY);
    node(READY);
    networks.add(
        network(
            "ing",
            "ingress",
            "{\"Driver\": \"overlay\", \"Ingress\": true,"
                + " \"IPAM\": {\"Config\": [{\"Subnet\": \"10.0.0.0/29\", \"Gateway\": \"10.0.0.1\"}]}}"));
    String hostPort =
        "{\"Mode\": {\"Replicated\": {\"Replicas\": 4}}, \"EndpointSpec\": {\"Ports\": [{\"TargetPort\": 80,"
            + " \"PublishMode\": \"host\"}]}}";
    stackService("app_web", hostPort);

    assertEquals(List.of(), check());
    stackService("app_web", hostPort.replace("host", "ingress"));
    // 1 VIP + 4 tasks + 2 nodes' ingress endpoints = 7 > 5
    Problem error = onlyError();
    assertTrue(
        error
            .message()
            .startsWith(
                "the ingress network (routing mesh for ports published in ingress mode) needs 7"),
        error.message());
    assertTrue(
        error.message().contains("2 load-balancer addresses (every node; 2 nodes)"),
        error.message());
  }

  @Test
  void aMacvlanNetworkTakesItsSubnetFromItsConfigOnlyNetwork() {
    node(READY);
    networks.add(network(
        "c1",
        "lan-config",
        "{\"Driver\": \"null\", \"ConfigOnly\": true,"
            + " \"IPAM\": {\"Config\": [{\"Subnet\": \"192.168.77.0/29\"}]}}"));
    networks.add(network(
        "m1",
        "lan",
        "{\"Driver\": \"macvlan\", \"ConfigFrom\": {\"Network\": \"lan-config\"},"
            + " \"IPAM\": {\"Config\": []}}"));
    externalNetworks.add("lan");
    stackService(
        "app_web",
        "{\"Mode\": {\"Replicated\": {\"Replicas\": 5}}, \"TaskTemplate\": {\"Networks\": [{\"Target\": \"lan\"}]}}");

    assertEquals(List.of(), check());
    stackService(
        "app_web",
        "{\"Mode\": {\"ReplicatedJob\": {\"MaxConcurrent\": 6}}, \"TaskTemplate\": {\"Networks\": [{\"Target\": \"lan\"}]}}");
    assertTrue(onlyError()
        .message()
        .startsWith("network lan needs 6 addresses but has 5: 6 task addresses"));
  }

  private List<Problem> check() {
    origins.put("app_n", new Origin("stack.yml:3:3"));
    Problems problems = new Problems();
    ConvertedStack stack = new ConvertedStack(
        stackNetworks,
        externalNetworks,
        new TreeMap<>(),
        new TreeMap<>(),
        stackServices,
        origins,
        new TreeMap<>());
    new LiveCapacityCheck(engine).check(stack, UserTerms.NEUTRAL, problems);
    return problems.all();
  }

  private Problem onlyError() {
    List<Problem> problems = check();
    assertEquals(1, problems.size(), problems.toString());
    return problems.get(0);
  }

  private void node(String json) {
    nodes.add(json(json));
  }

  private void stackNetwork(String name, String request) {
    stackNetworks.put(name, json(request));
  }

  private void stackService(String name, String spec) {
    stackServices.put(name, json(spec));
  }

  private static EngineObject network(String id, String name, String body) {
    ObjectNode raw = json(body).put("Id", id).put("Name", name);
    return new EngineObject(id, name, 0, raw, raw);
  }

  private static EngineObject service(String name, String spec) {
    ObjectNode raw = JSON.createObjectNode();
    raw.set("Spec", json(spec).put("Name", name));
    return new EngineObject("id-" + name, name, 1, (ObjectNode) raw.get("Spec"), raw);
  }

  private static ObjectNode json(String text) {
    try {
      return (ObjectNode) JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
