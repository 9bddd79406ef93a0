package dev.swarmstack.swarm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.convert.ConvertedStack;
import dev.swarmstack.swarm.engine.EngineObject;
import dev.swarmstack.swarm.problem.Origin;
import dev.swarmstack.swarm.problem.Problem;
import dev.swarmstack.swarm.problem.Problems;
import dev.swarmstack.swarm.stack.StackLabels;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Which ports of services outside the stack the engine would refuse to publish again (as Docker 20.10 does). */
class LivePortCheckTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final TreeMap<String, ObjectNode> services = new TreeMap<>();
  private final TreeMap<String, Origin> portOrigins = new TreeMap<>();
  private final List<EngineObject> others = new ArrayList<>();

  @Test
  void anIngressPortOfAnotherStackIsNamedWithItsServiceAndStack() {
    service("shop_web", "{\"PublishedPort\": 8080, \"TargetPort\": 80}");
    portOrigins.put(
        ConvertedStack.portKey("shop_web", 8080, null),
        Origin.pom("<services><service>web</service><ports>[1]"));
    other(
        "other_web",
        "other",
        "{\"Protocol\": \"tcp\", \"PublishedPort\": 8080, \"TargetPort\": 80, \"PublishMode\": \"ingress\"}");

    Problem problem = onlyError();
    assertEquals("<services><service>web</service><ports>[1]", problem.origin().location());
    assertEquals(
        "port 8080/tcp is already published by service other_web (stack other); choose another published"
            + " port or remove that service",
        problem.message());
  }

  @Test
  void aHostPortOfAServiceOutsideAnyStackBlocksAnIngressPort() {
    service("shop_web", "{\"Protocol\": \"tcp\", \"PublishedPort\": 9000, \"TargetPort\": 80}");
    other(
        "manual",
        null,
        "{\"Protocol\": \"tcp\", \"PublishedPort\": 9000, \"TargetPort\": 80, \"PublishMode\": \"host\"}");

    assertEquals(
        "port 9000/tcp is already published by service manual in host mode, and an ingress port needs it"
            + " free on every node; choose another published port or remove that service",
        onlyError().message());
  }

  @Test
  void aHostPortIsRefusedWhereAnIngressPortHoldsTheNumber() {
    service("shop_web", "{\"PublishedPort\": 9000, \"TargetPort\": 80, \"PublishMode\": \"host\"}");
    other(
        "other_web",
        "other",
        "{\"Protocol\": \"tcp\", \"PublishedPort\": 9000, \"TargetPort\": 80, \"PublishMode\": \"ingress\"}");

    assertTrue(onlyError()
        .message()
        .startsWith("port 9000/tcp is already published by service other_web"));
  }

  @Test
  void twoHostPortsAnotherProtocolOrAnotherNumberAreNoConflict() {
    service(
        "shop_web",
        "{\"PublishedPort\": 9000, \"TargetPort\": 80, \"PublishMode\": \"host\"}",
        "{\"Protocol\": \"udp\", \"PublishedPort\": 9001, \"TargetPort\": 80}",
        "{\"PublishedPort\": 9002, \"TargetPort\": 80}");
    other(
        "a",
        "other",
        "{\"Protocol\": \"tcp\", \"PublishedPort\": 9000, \"TargetPort\": 80, \"PublishMode\": \"host\"}");
    other(
        "b",
        "other",
        "{\"Protocol\": \"tcp\", \"PublishedPort\": 9001, \"TargetPort\": 80, \"PublishMode\": \"ingress\"}");
    other(
        "c",
        "other",
        "{\"Protocol\": \"tcp\", \"PublishedPort\": 9003, \"TargetPort\": 80, \"PublishMode\": \"ingress\"}");

    assertEquals(List.of(), errors());
  }

  @Test
  void aPortTheEngineChoseForAnotherServiceCountsAsPublished() {
    service("shop_web", "{\"PublishedPort\": 30001, \"TargetPort\": 80}");
    // published without a number: the spec has none, the allocation has the one the engine chose
    ObjectNode raw = JSON.createObjectNode();
    raw.putObject("Spec")
        .putObject("EndpointSpec")
        .putArray("Ports")
        .addObject()
        .put("TargetPort", 80);
    raw.putObject("Endpoint")
        .putArray("Ports")
        .addObject()
        .put("Protocol", "tcp")
        .put("TargetPort", 80)
        .put("PublishedPort", 30001)
        .put("PublishMode", "ingress");
    others.add(new EngineObject("id-dyn", "dynamic", 1, (ObjectNode) raw.path("Spec"), raw));

    assertTrue(onlyError()
        .message()
        .startsWith("port 30001/tcp is already published by service dynamic;"));
  }

  @Test
  void everyConflictIsReportedAtOnce() {
    service("shop_api", "{\"PublishedPort\": 8081, \"TargetPort\": 80}");
    service("shop_web", "{\"PublishedPort\": 8080, \"TargetPort\": 80}");
    other(
        "other_web",
        "other",
        "{\"Protocol\": \"tcp\", \"PublishedPort\": 8080, \"TargetPort\": 80, \"PublishMode\": \"ingress\"}",
        "{\"Protocol\": \"tcp\", \"PublishedPort\": 8081, \"TargetPort\": 80, \"PublishMode\": \"ingress\"}");

    assertEquals(2, errors().size());
  }

  private void service(String name, String... ports) {
    ObjectNode spec = JSON.createObjectNode();
    for (String port : ports) {
      spec.withObjectProperty("EndpointSpec").withArrayProperty("Ports").add(json(port));
    }
    services.put(name, spec);
  }

  /** A live service as the engine lists it: the spec's ports, and the same ports allocated under Endpoint. */
  private void other(String name, String stack, String... ports) {
    ObjectNode raw = JSON.createObjectNode();
    ObjectNode spec = raw.putObject("Spec");
    spec.put("Name", name);
    if (stack != null) {
      spec.putObject("Labels").put(StackLabels.NAMESPACE, stack);
    }
    for (String port : ports) {
      spec.withObjectProperty("EndpointSpec").withArrayProperty("Ports").add(json(port));
      raw.withObjectProperty("Endpoint").withArrayProperty("Ports").add(json(port));
    }
    others.add(new EngineObject("id-" + name, name, 1, spec, raw));
  }

  private List<Problem> errors() {
    ConvertedStack stack = new ConvertedStack(
        new TreeMap<>(),
        new TreeSet<>(),
        new TreeMap<>(),
        new TreeMap<>(),
        services,
        Collections.emptySortedMap(),
        portOrigins);
    Problems problems = new Problems();
    LivePortCheck.report(stack, others, problems);
    return problems.all().stream().filter(Problem::isError).toList();
  }

  private Problem onlyError() {
    List<Problem> errors = errors();
    assertEquals(1, errors.size(), errors.toString());
    return errors.get(0);
  }

  private static ObjectNode json(String text) {
    try {
      return (ObjectNode) JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
