package dev.swarmstack.swarm.multinode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmstack.swarm.deploy.DeployFailedException;
import dev.swarmstack.swarm.deploy.RolloutReport.Outcome;
import dev.swarmstack.swarm.engine.Polling;
import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.testing.MultiNodeSwarm;
import dev.swarmstack.swarm.testing.SwarmCluster;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Issue 13, item 3: the engine of a single-node swarm is lost mid-deploy. The node is a cluster of its own (one
 * manager, no workers), never this machine's dockerd; the test kills its dockerd like a power cut from inside a
 * wrapper around the plugin's engine, at the moment it wants, and starts it again afterwards. Once it is back a
 * second deploy converges, and every object of the stack exists once: nothing duplicated, nothing left over.
 */
@Execution(ExecutionMode.CONCURRENT)
@MultiNodeSwarm(managers = 1, workers = 0, shared = false)
class EngineLossIT {

  private static final Duration POLL = Duration.ofMillis(500);

  private static final String STACK = """
      version: "3.8"
      services:
        web:
          image: local/busybox:1
          command: ["sleep", "3600"]
          stop_grace_period: 1s
          networks: [back]
          secrets: [token]
        worker:
          image: local/busybox:1
          command: ["sleep", "3600"]
          stop_grace_period: 1s
          networks: [back]
      networks:
        back: {}
      secrets:
        token:
          file: TOKEN_FILE
      """;

  private final SwarmCluster cluster;
  private boolean nodeKilled;

  EngineLossIT(SwarmCluster cluster) {
    this.cluster = cluster;
  }

  @AfterEach
  void nodeIsBackForTheNextTest() {
    if (nodeKilled) {
      startNodeAndAwaitReady();
    }
  }

  @Test
  @Execution(ExecutionMode.SAME_THREAD) // one after the other: each kills the cluster's only node
  void lostWhileWaitingTheFailureTellsThatStoryFirstAndARedeployConvergesCleanly()
      throws IOException {
    String stackFile = STACK.replace("TOKEN_FILE", tokenFile().toString());
    try (ClusterStacks stack = new ClusterStacks(cluster)) {
      // as with the engine of the issue, which was shutting down: /info still answers, nothing else
      // does
      SwarmEngine dying = killingTheNode(stack.engine, "subscribeEvents", true);

      DeployFailedException e =
          assertThrows(DeployFailedException.class, () -> stack.deployThrough(dying, stackFile));

      String story = e.getMessage();
      System.out.println("engine lost while waiting:\n" + story);
      assertTrue(
          story.startsWith("Deploy of stack " + stack.namespace + " failed:\n"
              + "  lost the swarm manager while waiting for the stack to converge: "),
          story);
      int rollback = story.indexOf(
          "\n  the plan was applied; the swarm goes on rolling it out, unwatched\nRollback:\n");
      assertTrue(rollback > 0, story);
      assertTrue(
          story.indexOf("cannot reach the Docker engine", rollback) > rollback,
          "the rollback's failures come below the story: " + story);
      assertEquals(Outcome.ROLLBACK_FAILED, e.report().outcome(), story);

      startNodeAndAwaitReady();
      assertEquals(Outcome.CONVERGED, stack.deploy(stackFile).outcome(), stack.log.toString());
      assertEachObjectOnce(stack);
    }
  }

  @Test
  @Execution(ExecutionMode.SAME_THREAD) // one after the other: each kills the cluster's only node
  void killedBetweenTwoCreatesARedeployCreatesTheRestAndDuplicatesNothing() throws IOException {
    String stackFile = STACK.replace("TOKEN_FILE", tokenFile().toString());
    try (ClusterStacks stack = new ClusterStacks(cluster)) {
      SwarmEngine dying = killingTheNode(stack.engine, "create", false);

      DeployFailedException e =
          assertThrows(DeployFailedException.class, () -> stack.deployThrough(dying, stackFile));

      String story = e.getMessage();
      System.out.println("engine lost between two creates:\n" + story);
      assertTrue(
          story.startsWith(
              "Deploy of stack " + stack.namespace + " failed:\n  applying the plan failed: "),
          story);
      assertTrue(
          story.contains("\nRollback:\n  no rollback: the manager can't be reached ("), story);

      startNodeAndAwaitReady();
      assertEquals(Outcome.CONVERGED, stack.deploy(stackFile).outcome(), stack.log.toString());
      assertEachObjectOnce(stack);
    }
  }

  /** Every object of the stack, by kind: one network, one secret version, the two services, each exactly once. */
  private void assertEachObjectOnce(ClusterStacks stack) {
    String label = "label=com.docker.stack.namespace=" + stack.namespace;
    assertEquals(
        List.of(stack.scoped("back")),
        names("network", "ls", "--filter", label),
        stack.log.toString());
    List<String> secrets = names("secret", "ls", "--filter", label);
    assertEquals(1, secrets.size(), secrets.toString());
    assertTrue(secrets.get(0).startsWith(stack.scoped("token")), secrets.toString());
    assertEquals(
        List.of(stack.scoped("web"), stack.scoped("worker")),
        names("service", "ls", "--filter", label));
    assertEquals(
        1,
        stack.runningTasksByNode("web").values().stream()
            .mapToInt(Integer::intValue)
            .sum());
    assertEquals(
        1,
        stack.runningTasksByNode("worker").values().stream()
            .mapToInt(Integer::intValue)
            .sum());
  }

  private List<String> names(String... ls) {
    String[] command = java.util.Arrays.copyOf(ls, ls.length + 2);
    command[ls.length] = "--format";
    command[ls.length + 1] = "{{.Name}}";
    return cluster
        .docker()
        .ok(command)
        .lines()
        .filter(line -> !line.isBlank())
        .sorted()
        .toList();
  }

  /**
   * The engine, but the node's dockerd is killed right after the first call whose name starts with {@code trigger}
   * returns. With {@code infoAnswers}, {@code info()} keeps giving its last answer afterwards.
   */
  private SwarmEngine killingTheNode(SwarmEngine engine, String trigger, boolean infoAnswers) {
    Object[] lastInfo = new Object[1];
    return (SwarmEngine) Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {SwarmEngine.class}, (proxy, method, args) -> {
          if (nodeKilled && infoAnswers && method.getName().equals("info")) {
            return lastInfo[0];
          }
          Object result;
          try {
            result = method.invoke(engine, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          if (method.getName().equals("info")) {
            lastInfo[0] = result;
          }
          if (!nodeKilled && method.getName().startsWith(trigger)) {
            nodeKilled = true;
            cluster.stopNode("m1", true);
          }
          return result;
        });
  }

  /** Starts the node again and waits until it is a ready manager: the swarm comes back on its old data. */
  private void startNodeAndAwaitReady() {
    cluster.startNode("m1");
    nodeKilled = false;
    for (int attempt = 0; attempt < 120; attempt++) {
      if (cluster
          .docker()
          .run("node", "ls", "--format", "{{.Status}}")
          .stdout()
          .trim()
          .equals("Ready")) {
        return;
      }
      Polling.pause(POLL);
    }
    throw new AssertionError("m1 was not a ready swarm manager within 60 s of its restart");
  }

  private static Path tokenFile() throws IOException {
    Path file = Files.createTempFile("engineloss", ".txt");
    file.toFile().deleteOnExit();
    return Files.writeString(file, "s3cret");
  }
}
