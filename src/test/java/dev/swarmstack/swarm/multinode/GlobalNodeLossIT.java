package dev.swarmstack.swarm.multinode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmstack.swarm.deploy.RolloutReport;
import dev.swarmstack.swarm.deploy.RolloutReport.Outcome;
import dev.swarmstack.swarm.engine.Polling;
import dev.swarmstack.swarm.testing.Cli;
import dev.swarmstack.swarm.testing.MultiNodeSwarm;
import dev.swarmstack.swarm.testing.SwarmCluster;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Issue 13, item 2: a manager that runs a task of a global service is killed, and a deploy through another manager
 * updates the service. The update converges on the nodes that are up, as the CLI's progress does, and the progress
 * line and the summary name the node left out. A cluster of its own (three managers, so that two keep the quorum),
 * torn down after the class.
 */
@Execution(ExecutionMode.CONCURRENT)
@MultiNodeSwarm(managers = 3, workers = 0, shared = false)
class GlobalNodeLossIT {

  private static final Duration POLL = Duration.ofMillis(500);

  private static final String STACK = """
      version: "3.8"
      services:
        agent:
          image: local/busybox:1
          command: ["sleep", "3600"]
          stop_grace_period: 1s
          deploy:
            mode: global
            update_config: {parallelism: 1, monitor: 1s}
      """;

  private final SwarmCluster cluster;

  GlobalNodeLossIT(SwarmCluster cluster) {
    this.cluster = cluster;
  }

  @Test
  void anUpdateConvergesOnTheNodesThatAreUpAndNamesTheOneLeftOut() {
    try (ClusterStacks stack = new ClusterStacks(cluster, "m2")) {
      assertEquals(Outcome.CONVERGED, stack.deploy(STACK).outcome(), stack.log.toString());
      String m1 = cluster.node("m1").hostname();
      assertEquals(1, stack.runningTasksByNode("agent").getOrDefault(m1, 0), stack.log.toString());

      cluster.stopNode("m1", true);
      awaitAManagerAnswering("m2");
      // while the swarm still calls m1 "unknown", its own updater may wait on m1's slot of the
      // global service and
      // leave the other nodes' tasks un-updated (seen on a busy machine); once m1 is down, the
      // swarm updates the rest
      awaitDown("m2", m1);
      stack.log.clear();
      RolloutReport update = stack.deploy(STACK.replace("3600", "3601"));

      // once m1 is down the swarm gives it no task; the service's placement still names it
      assertEquals(Outcome.CONVERGED, update.outcome(), stack.log.toString());
      String leftOut = "left out: " + m1 + " (down)";
      assertTrue(
          stack.log.stream()
              .anyMatch(line ->
                  line.matches("INFO agent\\s+2/2 nodes running, " + Pattern.quote(leftOut))),
          stack.log.toString());
      assertTrue(
          stack.log.stream().anyMatch(line -> line.contains("converged") && line.endsWith(leftOut)),
          stack.log.toString());
      assertEquals(
          2,
          stack.runningTaskArgs("agent").stream()
              .filter(task -> task.contains("3601"))
              .count(),
          stack.log.toString());
      assertTheLostNodesLogIsTheEnginesMessageAsText(stack, m1);
    }
  }

  /**
   * Issue 13, item 4: the log of a task on a node that is down is an error frame of the engine's ("Error grabbing
   * logs: ... node ... is not available"), which once reached the report with its header bytes.
   */
  private static void assertTheLostNodesLogIsTheEnginesMessageAsText(
      ClusterStacks stack, String lostNode) {
    String taskOnLostNode = stack
        .docker()
        .ok(
            "service",
            "ps",
            "-q",
            "--no-trunc",
            "--filter",
            "node=" + lostNode,
            stack.scoped("agent"))
        .lines()
        .findFirst()
        .orElseThrow(() -> new AssertionError("no task on " + lostNode));

    List<String> log = stack.engine.taskLogs(taskOnLostNode, 5);

    System.out.println("log of a task on a lost node: " + log);
    assertTrue(
        log.stream().anyMatch(line -> line.startsWith("(engine) Error grabbing logs: ")),
        log.toString());
    assertTrue(
        log.stream().allMatch(line -> line.chars().noneMatch(Character::isISOControl)),
        log.toString());
  }

  /** After the leader's loss the others elect a new one; until then a manager answers that it has no leader. */
  private void awaitAManagerAnswering(String node) {
    Cli docker = cluster.docker(node);
    for (int attempt = 0; attempt < 120; attempt++) {
      if (docker.run("node", "ls").exitCode() == 0) {
        return;
      }
      Polling.pause(POLL);
    }
    throw new AssertionError(node + " did not answer as a manager within 60 s of losing m1");
  }

  private void awaitDown(String manager, String hostname) {
    Cli docker = cluster.docker(manager);
    for (int attempt = 0; attempt < 240; attempt++) {
      if (docker
          .run("node", "inspect", "--format", "{{.Status.State}}", hostname)
          .stdout()
          .strip()
          .equals("down")) {
        return;
      }
      Polling.pause(POLL);
    }
    throw new AssertionError(
        manager + " did not report " + hostname + " down within 120 s of killing it");
  }
}
