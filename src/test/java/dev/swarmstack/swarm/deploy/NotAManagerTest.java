package dev.swarmstack.swarm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmstack.swarm.convert.ConvertedStack;
import dev.swarmstack.swarm.engine.EngineException;
import dev.swarmstack.swarm.engine.EngineInfo;
import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.inspect.StackInspector;
import dev.swarmstack.swarm.problem.UserTerms;
import dev.swarmstack.swarm.remove.StackRemover;
import dev.swarmstack.swarm.stack.DeployLog;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every workflow asks the engine whether it is a manager first, and stops there with the CLI's words. */
class NotAManagerTest {

  private final List<String> calls = new ArrayList<>();

  /** Answers {@code info()} as a node outside any swarm; records every other call. */
  private final SwarmEngine notInASwarm = (SwarmEngine) Proxy.newProxyInstance(
      getClass().getClassLoader(),
      new Class<?>[] {SwarmEngine.class},
      (proxy, method, args) -> switch (method.getName()) {
        case "info" -> new EngineInfo("20.10.24", "1.41", "", "inactive", false);
        case "address" -> "unix:///var/run/docker.sock";
        default -> {
          calls.add(method.getName());
          throw new AssertionError("unexpected call " + method.getName());
        }
      });

  private final DeployLog silent = new DeployLog() {
    @Override
    public void info(String message) {}

    @Override
    public void warn(String message) {}
  };

  @Test
  void deployStopsBeforeReadingAnything() {
    ConvertedStack empty = new ConvertedStack(
        new TreeMap<>(), new TreeSet<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
    assertNotAManager(
        () -> new Deployer(notInASwarm, silent).deploy("app", empty, DeployOptions.defaults()));
  }

  @Test
  void rmAndListingsStopToo() {
    assertNotAManager(() -> new StackRemover(notInASwarm, silent)
        .remove("app", Duration.ofSeconds(1), StackRemover.Volumes.KEEP));
    assertNotAManager(
        () -> new StackInspector(notInASwarm, Clock.systemUTC(), UserTerms.NEUTRAL).stacks());
    assertNotAManager(() ->
        new StackInspector(notInASwarm, Clock.systemUTC(), UserTerms.NEUTRAL).services("app"));
    assertNotAManager(
        () -> new StackInspector(notInASwarm, Clock.systemUTC(), UserTerms.NEUTRAL).tasks("app"));
  }

  private void assertNotAManager(Executable workflow) {
    EngineException failure = assertThrows(EngineException.class, workflow);
    assertTrue(failure.getMessage().startsWith(EngineInfo.NOT_A_MANAGER), failure.getMessage());
    assertTrue(failure.getMessage().contains("docker swarm init"), failure.getMessage());
    assertEquals(List.of(), calls);
  }
}
