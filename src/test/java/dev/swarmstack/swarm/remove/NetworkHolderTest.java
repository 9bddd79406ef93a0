package dev.swarmstack.swarm.remove;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.engine.EngineException;
import dev.swarmstack.swarm.engine.EngineObject;
import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.problem.UserTerms;
import dev.swarmstack.swarm.stack.StackLabels;
import java.lang.reflect.Proxy;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The manager's "in use by task/service <id>", turned into names (the container case runs on the engine: StackRemoverIT). */
class NetworkHolderTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final EngineObject NETWORK =
      new EngineObject("nid", "shop_back", 1, JSON.createObjectNode(), JSON.createObjectNode());

  @Test
  void aTaskOfAnotherStacksServiceNamesTheServiceAndItsStack() {
    ObjectNode spec = JSON.createObjectNode();
    spec.putObject("Labels").put(StackLabels.NAMESPACE, "billing");
    EngineObject service = new EngineObject("sid", "billing_api", 3, spec, JSON.createObjectNode());
    SwarmEngine engine = engine(
        JSON.createObjectNode().put("ID", "tid").put("ServiceID", "sid"), Optional.of(service));

    NetworkHolder holder = NetworkHolder.of(refusal("task tid"), NETWORK, engine, UserTerms.NEUTRAL)
        .orElseThrow();

    assertFalse(holder.stopping());
    assertEquals(
        "network shop_back is still in use by service billing_api of stack billing: take it off the network"
            + " (docker service update --network-rm shop_back billing_api) or remove it or its stack, then run the rm"
            + " command again",
        holder.explain(NETWORK, refusal("task tid")).getMessage());
  }

  @Test
  void aTaskOfAServiceThatIsGoneIsStillStoppingAndWorthWaitingFor() {
    SwarmEngine engine =
        engine(JSON.createObjectNode().put("ID", "tid").put("ServiceID", "gone"), Optional.empty());
    assertTrue(NetworkHolder.of(refusal("task tid"), NETWORK, engine, UserTerms.NEUTRAL)
        .orElseThrow()
        .stopping());
  }

  @Test
  void otherRefusalsAreLeftAsTheyAre() {
    assertEquals(
        Optional.empty(),
        NetworkHolder.of(
            new EngineException("removing network nid: timed out", 0, null),
            NETWORK,
            engine(null, Optional.empty()),
            UserTerms.NEUTRAL));
  }

  private static EngineException refusal(String holder) {
    return new EngineException(
        "removing network nid: network nid is in use by " + holder, 403, null);
  }

  private static SwarmEngine engine(ObjectNode task, Optional<EngineObject> service) {
    return (SwarmEngine) Proxy.newProxyInstance(
        NetworkHolderTest.class.getClassLoader(),
        new Class<?>[] {SwarmEngine.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "inspectTask" -> {
            assertEquals("tid", args[0]);
            yield Optional.ofNullable(task);
          }
          case "inspectService" -> service;
          default -> throw new AssertionError("unexpected call " + method.getName());
        });
  }
}
