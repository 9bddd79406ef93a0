package dev.swarmstack.swarm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.deploy.RolloutReport.Outcome;
import dev.swarmstack.swarm.docker.DockerSwarmEngine;
import dev.swarmstack.swarm.engine.EngineConnection;
import dev.swarmstack.swarm.engine.Polling;
import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.history.Recording;
import dev.swarmstack.swarm.lock.HeldLock;
import dev.swarmstack.swarm.lock.StackLock;
import dev.swarmstack.swarm.stack.DeployLog;
import dev.swarmstack.swarm.testing.RecordingLog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stack lock and the ownership check on the real swarm, as two builds (two threads, each with its own engine
 * connection and log) and the CLI meet them.
 */
class StackLockIT extends EngineTestBase {

  private static final DeployOptions OPTIONS =
      new DeployOptions(true, ResolveImage.NEVER, host -> Optional.empty(), Duration.ofMinutes(1));
  private static final ConvergeOptions WAIT =
      new ConvergeOptions(false, Duration.ofMinutes(3), true, 5);
  private static final Duration LOCK_TIMEOUT = Duration.ofMinutes(3);

  /** Every build's log lines in the order they happened, each prefixed with its build's name. */
  private final List<String> timeline = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void removeTheLockEvenOnFailure() {
    cleanups.add(() -> engine.listConfigs(Map.of()).stream()
        .filter(config -> config.name().equals(StackLock.configName(namespace)))
        .forEach(config -> engine.removeConfig(config.id())));
  }

  @Test
  void ofTwoDeploysStartedTogetherOneWaitsThenConvergesOnItsOwnSpecAndTheSwarmEndsAtTheLastOnes()
      throws Exception {
    CyclicBarrier together = new CyclicBarrier(2);
    CompletableFuture<RolloutReport> one =
        CompletableFuture.supplyAsync(() -> build("one", "V=1", together));
    CompletableFuture<RolloutReport> two =
        CompletableFuture.supplyAsync(() -> build("two", "V=2", together));

    assertEquals(Outcome.CONVERGED, one.get(5, TimeUnit.MINUTES).outcome(), timeline.toString());
    assertEquals(Outcome.CONVERGED, two.get(5, TimeUnit.MINUTES).outcome(), timeline.toString());

    List<String> waiters = List.of("one", "two").stream()
        .filter(build -> timeline.stream()
            .anyMatch(line -> line.startsWith(
                build + ": INFO Waiting up to 180 s (--lock-timeout) for the lock of stack "
                    + namespace + ", held by deploy by ")))
        .toList();
    assertEquals(1, waiters.size(), timeline.toString());
    String last = waiters.get(0);
    String first = last.equals("one") ? "two" : "one";
    // the waiter planned only once the first had converged and let go: it updates what the first
    // created
    assertTrue(
        indexOf(first + ": INFO Stack " + namespace + " converged in ")
            < indexOf(last + ": INFO Locked stack " + namespace),
        timeline.toString());
    assertTrue(
        indexOf(last + ": INFO Locked stack " + namespace)
            < indexOf(last + ": INFO Updating service " + namespace + "_a"),
        timeline.toString());
    String lastEnv = last.equals("one") ? "V=1" : "V=2";
    for (String service : List.of("a", "b")) {
      assertEquals(
          "[\"" + lastEnv + "\"]",
          DOCKER
              .ok(
                  "service",
                  "inspect",
                  namespace + "_" + service,
                  "--format",
                  "{{json .Spec.TaskTemplate.ContainerSpec.Env}}")
              .trim());
    }
    assertEquals(List.of(), lockConfigs(), "both builds released the lock");
  }

  @Test
  void aLockLeftByAKilledBuildIsTakenOverAndTheLogSaysSo() {
    Instant started = Instant.now().minus(Duration.ofMinutes(10));
    ObjectNode left = JsonNodeFactory.instance
        .objectNode()
        .put("Name", StackLock.configName(namespace))
        .put("Data", Base64.getEncoder().encodeToString("lock".getBytes(StandardCharsets.UTF_8)));
    left.putObject("Labels")
        .put("dev.swarmstack.lock.stack", namespace)
        .put("dev.swarmstack.lock.id", "killed-build")
        .put("dev.swarmstack.lock.owner", "ci@killed-host")
        .put("dev.swarmstack.lock.pid", "4242")
        .put("dev.swarmstack.lock.goal", "deploy")
        .put("dev.swarmstack.lock.started", started.toString())
        .put("dev.swarmstack.lock.expires", started.plus(StackLock.LEASE).toString());
    engine.createConfig(left);

    try (HeldLock taken =
        new StackLock(engine, deployLog).acquire(namespace, "deploy", LOCK_TIMEOUT)) {
      assertTrue(
          log.contains("WARN Took over the lock of stack " + namespace
              + " from deploy by ci@killed-host"
              + " (pid 4242) since " + started + ", lock id killed-build: its lease expired at "
              + started.plus(StackLock.LEASE) + ", so that build is gone"),
          log.toString());
      assertEquals(1, lockConfigs().size());
    }
    assertEquals(List.of(), lockConfigs());
  }

  @Test
  void aCliUpdateDuringTheWaitFailsTheDeployWithTheOwnershipMessageAndNoRollback()
      throws Exception {
    TestStack stack = new TestStack(namespace);
    stack.network("back");
    // running tasks must stay up for 2 minutes before the service counts as converged: the wait
    // outlasts the update
    stack
        .service("a", TestStack.IMAGE, "back")
        .putObject("UpdateConfig")
        .put("Monitor", 120_000_000_000L);
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    DeployLog buildLog = new RecordingLog(lines);
    CompletableFuture<DeployFailedException> deploy = CompletableFuture.supplyAsync(() -> {
      try (HeldLock held =
          new StackLock(engine, buildLog).acquire(namespace, "deploy", LOCK_TIMEOUT)) {
        new StackRollout(engine, buildLog)
            .deploy(namespace, stack.converted(), OPTIONS, WAIT, Recording.off());
        return null;
      } catch (DeployFailedException expected) {
        return expected;
      }
    });
    awaitLine(lines, "INFO Waiting up to 180 s for 1 service(s) of stack " + namespace, deploy);

    DOCKER.ok("service", "update", "--detach", "--env-add", "X=1", namespace + "_a");

    DeployFailedException failure = deploy.get(3, TimeUnit.MINUTES);
    assertNotNull(failure, "the deploy reported convergence of someone else's spec: " + lines);
    String message = failure.getMessage();
    assertTrue(
        message.matches(
            "(?s).*service " + namespace + "_a was changed by someone else while this deploy"
                + " waited: version \\d+, we wrote \\d+;.*"),
        message);
    assertTrue(
        message.contains(
            "no rollback: restoring the previous specs would overwrite the other writer's change"),
        message);
    assertEquals(
        "[\"X=1\"]",
        DOCKER
            .ok(
                "service",
                "inspect",
                namespace + "_a",
                "--format",
                "{{json .Spec.TaskTemplate.ContainerSpec.Env}}")
            .trim(),
        "the other writer's change stays");
  }

  /** One build: takes the lock, deploys services a and b with {@code env}, releases the lock. */
  private RolloutReport build(String name, String env, CyclicBarrier together) {
    DeployLog buildLog = new DeployLog() {
      @Override
      public void info(String message) {
        timeline.add(name + ": INFO " + message);
      }

      @Override
      public void warn(String message) {
        timeline.add(name + ": WARN " + message);
      }
    };
    TestStack stack = new TestStack(namespace);
    stack.network("back");
    for (String service : List.of("a", "b")) {
      ObjectNode spec = stack.service(service, TestStack.IMAGE, "back");
      spec.putObject("UpdateConfig").put("Monitor", 1_000_000_000L);
      ((ObjectNode) spec.path("TaskTemplate").path("ContainerSpec"))
          .putArray("Env")
          .add(env);
    }
    try (SwarmEngine own = DockerSwarmEngine.connect(EngineConnection.defaults())) {
      together.await(1, TimeUnit.MINUTES);
      try (HeldLock held =
          new StackLock(own, buildLog).acquire(namespace, "deploy", LOCK_TIMEOUT)) {
        return new StackRollout(own, buildLog)
            .deploy(namespace, stack.converted(), OPTIONS, WAIT, Recording.off());
      }
    } catch (Exception e) {
      throw new IllegalStateException(name + " failed: " + e.getMessage() + "\n" + timeline, e);
    }
  }

  private int indexOf(String prefix) {
    synchronized (timeline) {
      for (int i = 0; i < timeline.size(); i++) {
        if (timeline.get(i).startsWith(prefix)) {
          return i;
        }
      }
    }
    throw new AssertionError("no line starts with '" + prefix + "' in " + timeline);
  }

  private List<String> lockConfigs() {
    return names(engine.listConfigs(Map.of()).stream()
        .filter(config -> config.name().equals(StackLock.configName(namespace)))
        .toList());
  }

  /** Polls a build's log until a line starts with {@code prefix}, or the deploy ended without one. */
  private static void awaitLine(List<String> lines, String prefix, CompletableFuture<?> deploy) {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    while (List.copyOf(lines).stream().noneMatch(line -> line.startsWith(prefix))) {
      if (deploy.isDone() || Instant.now().isAfter(deadline)) {
        throw new AssertionError("the deploy did not start waiting: " + lines);
      }
      Polling.pause(Duration.ofMillis(100));
    }
  }
}
