package dev.swarmstack.swarm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.engine.EngineInfo;
import dev.swarmstack.swarm.engine.EngineObject;
import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.problem.StackException;
import dev.swarmstack.swarm.stack.DeployLog;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A prune that would remove every service of a live stack is refused before any write, unless confirmed. */
class PruneConfirmationTest {

  private static final DeployOptions PRUNE = new DeployOptions(true, ResolveImage.NEVER, host -> Optional.empty(),
      Duration.ofMinutes(1));
  private static final DeployOptions PRUNE_ALL = new DeployOptions(true, ResolveImage.NEVER, host -> Optional.empty(),
      Duration.ofMinutes(1), true);

  private final List<String> writes = new ArrayList<>();
  private final TestStack live = TestStack.twoServices("app");

  @Test
  void pruningEveryServiceIsRefusedListingWhatWouldGo() {
    TestStack elsewhere = new TestStack("app");
    elsewhere.network("front");
    elsewhere.service("api", TestStack.IMAGE, "front");

    StackException refused = assertThrows(StackException.class,
        () -> new Deployer(engine(), silentLog()).deploy("app", elsewhere.converted(), PRUNE));

    assertEquals("pruning would remove every service of stack app (services app_web, app_worker; networks app_back)."
        + " Check the stack name and the services declared; to remove them all, set swarm.prune.allServices=true",
        refused.getMessage());
    assertEquals(List.of(), writes);
    assertEquals(refused.problems(), new Deployer(engine(), silentLog()).preview("app", elsewhere.converted(), PRUNE).blockers(),
        "swarm:diff shows the plan and the refusal");
  }

  @Test
  void keepingOneServiceOrConfirmingIsNoRefusal() {
    TestStack oneKept = new TestStack("app");
    oneKept.network("back");
    oneKept.service("web", TestStack.IMAGE, "back");

    assertEquals(List.of(), new Deployer(engine(), silentLog()).preview("app", oneKept.converted(), PRUNE).blockers());
    assertEquals(List.of(), new Deployer(engine(), silentLog()).preview("app", new TestStack("app").converted(), PRUNE_ALL)
        .blockers());
  }

  /** The live stack {@link #live}; reads answer, writes are recorded. */
  private SwarmEngine engine() {
    return (SwarmEngine) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {SwarmEngine.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "info" -> new EngineInfo("20.10.24", "1.41", "node", "active", true);
          case "address" -> "scripted engine";
          case "listServices" -> live.services.values().stream().map(spec -> object(spec)).toList();
          case "listNetworks" -> live.networks.values().stream().map(spec -> object(spec)).toList();
          case "inspectService", "inspectNetwork", "imageDistribution" -> Optional.empty();
          case "listSecrets", "listConfigs", "listNodes", "listTasks" -> List.of();
          default -> {
            writes.add(method.getName());
            yield null;
          }
        });
  }

  private static EngineObject object(ObjectNode spec) {
    return new EngineObject(spec.path("Name").asText() + "-id", spec.path("Name").asText(), 1, spec, spec);
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
