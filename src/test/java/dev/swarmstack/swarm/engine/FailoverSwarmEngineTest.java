package dev.swarmstack.swarm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FailoverSwarmEngineTest {

  private static final ObjectNode NODE = new ObjectMapper().createObjectNode().put("ID", "n2");

  private final List<String> calls = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  /** A manager that records each call as {@code name.method} and answers it, or fails every call with {@code failure}. */
  private SwarmEngine manager(String name, EngineException failure) {
    return (SwarmEngine) Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {SwarmEngine.class}, (proxy, method, args) -> {
          calls.add(name + "." + method.getName());
          return switch (method.getName()) {
            case "address" -> name;
            case "close" -> null;
            default -> {
              if (failure != null) {
                throw failure;
              }
              yield method.getName().equals("listNodes") ? List.of(NODE) : "id-from-" + name;
            }
          };
        });
  }

  private FailoverSwarmEngine failingOver(SwarmEngine first, SwarmEngine next) {
    return new FailoverSwarmEngine(first, () -> next, warnings::add);
  }

  @Test
  void aReadThatGetsNoAnswerIsAskedAgainOfTheNextManager() {
    SwarmEngine engine = failingOver(
        manager(
            "m1",
            new EngineUnreachableException(
                "listing nodes: cannot reach m1: Connection refused", "Connection refused", null)),
        manager("m2", null));

    assertEquals(List.of(NODE), engine.listNodes());
    assertEquals(List.of("m1.listNodes", "m1.address", "m1.close", "m2.listNodes"), calls);
    assertEquals(
        List.of("Lost swarm manager m1: Connection refused; going on through another manager"),
        warnings);
    assertEquals("m2", engine.address());
  }

  @Test
  void aWriteThatGetsNoAnswerFailsAndTheNextCallGoesToTheNextManager() {
    EngineUnreachableException lost = new EngineUnreachableException(
        "creating service s: Connection reset", "Connection reset", null);
    SwarmEngine engine = failingOver(manager("m1", lost), manager("m2", null));

    assertSame(
        lost,
        assertThrows(
            EngineUnreachableException.class, () -> engine.createService(NODE, Optional.empty())),
        "it may have been applied: not repeated");
    assertEquals("id-from-m2", engine.createSecret(NODE));
    assertEquals(List.of("m1.createService", "m1.address", "m1.close", "m2.createSecret"), calls);
  }

  @Test
  void anEngineThatAnsweredWithAnErrorIsKept() {
    SwarmEngine engine = failingOver(
        manager("m1", new EngineException("listing services: bad filter", 400, null)),
        manager("m2", null));

    assertThrows(EngineException.class, () -> engine.listServices(Map.of()));
    assertEquals(List.of("m1.listServices"), calls);
    assertEquals(List.of(), warnings);
  }
}
