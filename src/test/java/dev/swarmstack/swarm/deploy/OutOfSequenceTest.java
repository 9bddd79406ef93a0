package dev.swarmstack.swarm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.engine.EngineException;
import dev.swarmstack.swarm.engine.EngineInfo;
import dev.swarmstack.swarm.engine.EngineObject;
import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.stack.DeployLog;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code update out of sequence}: someone updated the service between our read and our write. The engine can't be
 * made to race on cue, so this one runs against a scripted engine that refuses a given number of updates.
 */
class OutOfSequenceTest {

  private final List<String> updates = new ArrayList<>();
  private final TestStack stack = new TestStack("app");
  private long version = 10;

  @Test
  void retriesFromAFreshReadWithItsVersion() {
    stack.network("back");
    stack.service("web", TestStack.IMAGE, "back");
    ObjectNode changed = stack.services.get("app_web");

    new Deployer(engineRefusing(2, deployedWith(changed, "sleep")), silentLog())
        .deploy("app", stack.converted(), DeployOptions.defaults());

    assertEquals(List.of("update at 10", "update at 11", "update at 12"), updates);
  }

  @Test
  void givesUpAfterTheLastAttempt() {
    stack.network("back");
    stack.service("web", TestStack.IMAGE, "back");
    ObjectNode changed = stack.services.get("app_web");
    SwarmEngine alwaysRacing = engineRefusing(Integer.MAX_VALUE, deployedWith(changed, "sleep"));

    EngineException failure =
        assertThrows(EngineException.class, () -> new Deployer(alwaysRacing, silentLog())
            .deploy("app", stack.converted(), DeployOptions.defaults()));

    assertEquals(true, failure.isOutOfSequence());
    assertEquals(Deployer.UPDATE_ATTEMPTS, updates.size());
  }

  /** The service as deployed: like the desired one but with other arguments, so the deploy updates it. */
  private static ObjectNode deployedWith(ObjectNode desired, String argument) {
    ObjectNode spec = desired.deepCopy();
    spec.withObjectProperty("TaskTemplate")
        .withObjectProperty("ContainerSpec")
        .putArray("Args")
        .add(argument);
    return spec;
  }

  /** Refuses the first {@code refusals} updates as out of sequence; every read shows the current version. */
  private SwarmEngine engineRefusing(int refusals, ObjectNode deployedSpec) {
    return (SwarmEngine) Proxy.newProxyInstance(
        getClass().getClassLoader(),
        new Class<?>[] {SwarmEngine.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "info" -> new EngineInfo("20.10.24", "1.41", "node", "active", true);
          case "address" -> "scripted engine";
          case "listServices" -> List.of(service(deployedSpec));
          case "inspectService" -> Optional.of(service(deployedSpec));
          case "listNetworks" ->
            List.of(new EngineObject(
                "net1",
                "app_back",
                0,
                stack.networks.get("app_back").deepCopy(),
                stack.networks.get("app_back")));
          case "listSecrets", "listConfigs", "listNodes" -> List.of();
          case "imageDistribution" -> Optional.empty();
          case "updateService" -> {
            updates.add("update at " + args[1]);
            if (updates.size() <= refusals) {
              version++;
              throw new EngineException(
                  "rpc error: code = Unknown desc = update out of sequence", 500, null);
            }
            yield null;
          }
          default -> throw new AssertionError("unexpected call " + method.getName());
        });
  }

  private EngineObject service(ObjectNode spec) {
    return new EngineObject("svc1", spec.path("Name").asText(), version, spec, spec);
  }

  private static DeployLog silentLog() {
    return new DeployLog() {
      @Override
      public void info(String message) {}

      @Override
      public void warn(String message) {}
    };
  }
}
