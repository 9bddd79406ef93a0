package dev.swarmstack.swarm.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmstack.swarm.testing.ClusterNode;
import dev.swarmstack.swarm.testing.MultiNodeSwarm;
import dev.swarmstack.swarm.testing.SwarmCluster;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Issue 7, item 5: a worker's dockerd is killed while {@code swarm:deploy} waits for the stack. Whether the deploy
 * converges or fails depends on whether the service may run elsewhere. The cluster is this class's own (one manager,
 * three workers), torn down after it; each case loses a different worker.
 */
@MojoTest
// a cluster of its own: the class runs beside the other engine tests, its cases one after the other
@Execution(ExecutionMode.CONCURRENT)
@MultiNodeSwarm(managers = 1, workers = 3, shared = false)
class NodeLossIT {

  private final SwarmCluster cluster;

  NodeLossIT(SwarmCluster cluster) {
    this.cluster = cluster;
  }

  /** w1 alone may run the pinned service (case B); w2 and w3 the movable one (case A). */
  @BeforeAll
  static void labelWorkers(SwarmCluster cluster) {
    cluster
        .docker()
        .ok("node", "update", "--label-add", "nodeloss=b", cluster.node("w1").hostname());
    for (String worker : new String[] {"w2", "w3"}) {
      cluster
          .docker()
          .ok(
              "node",
              "update",
              "--label-add",
              "nodeloss=a",
              cluster.node(worker).hostname());
    }
  }

  @Test
  @Execution(
      ExecutionMode.SAME_THREAD) // one after the other: each stops nodes of the shared cluster
  void caseA_theDeployConvergesOnceTheSwarmReschedulesOnAnotherNode(
      @InjectMojo(goal = "deploy", pom = "src/test/resources/unit/nodeloss-a-pom.xml")
          DeployMojo deploy)
      throws Exception {
    AtomicReference<ClusterNode> lost = new AtomicReference<>();
    RecordingLog log = killTheTasksNodeWhileWaiting(deploy, "nodelossmovable_web", lost);

    deploy.execute();

    assertTrue(
        log.lines().stream()
            .anyMatch(line -> line.startsWith("[INFO] Stack nodelossmovable converged in ")),
        log.lines().toString());
    String runningOn = cluster
        .docker()
        .ok(
            "service",
            "ps",
            "nodelossmovable_web",
            "--filter",
            "desired-state=running",
            "--format",
            "{{.Node}}")
        .trim();
    assertNotEquals(lost.get().hostname(), runningOn, log.lines().toString());
    assertTrue(
        runningOn.equals(cluster.node("w2").hostname())
            || runningOn.equals(cluster.node("w3").hostname()),
        runningOn);
  }

  @Test
  @Execution(
      ExecutionMode.SAME_THREAD) // one after the other: each stops nodes of the shared cluster
  void caseB_aServicePinnedToTheLostNodeFailsWithAReportAndIsRolledBack(
      @InjectMojo(goal = "deploy", pom = "src/test/resources/unit/nodeloss-b-pom.xml")
          DeployMojo deploy)
      throws Exception {
    AtomicReference<ClusterNode> lost = new AtomicReference<>();
    RecordingLog log = killTheTasksNodeWhileWaiting(deploy, "nodelosspinned_web", lost);

    MojoFailureException e = assertThrows(MojoFailureException.class, deploy::execute);

    System.out.println("case B report:\n" + e.getMessage());
    assertEquals("w1", lost.get().name(), log.lines().toString());
    assertTrue(
        e.getMessage().startsWith("Deploy of stack nodelosspinned failed:\n"), e.getMessage());
    // within seconds of the node's loss, not after the timeout: the replacement task finds no node
    assertTrue(
        e.getMessage().contains("\n  service web failed: task pending: no suitable node ("),
        e.getMessage());
    // case A's lost worker may be down too
    assertTrue(
        e.getMessage()
            .lines()
            .anyMatch(line -> line.startsWith("  node(s) not ready: ")
                && line.contains(lost.get().hostname())),
        e.getMessage());
    assertTrue(
        e.getMessage()
            .endsWith(
                "Rollback:\n  rolled back to nothing: every object this deploy created is removed"),
        e.getMessage());
    assertEquals(
        "", cluster.docker().ok("service", "ls", "-q", "--filter", "name=nodelosspinned_"));
  }

  /** At the wait's first progress line, kills (SIGKILL, like a power cut) the node the service's task was given. */
  private RecordingLog killTheTasksNodeWhileWaiting(
      DeployMojo deploy, String service, AtomicReference<ClusterNode> lost) throws Exception {
    RecordingLog log = new RecordingLog(line -> {
      if (line.startsWith("[INFO] web  ") && lost.get() == null) {
        lost.set(nodeOf(service));
        cluster.stopNode(lost.get().name(), true);
      }
    });
    MojoExtension.setVariableValueToObject(
        deploy, "dockerHost", cluster.manager().host());
    deploy.setLog(log);
    return log;
  }

  private ClusterNode nodeOf(String service) {
    for (int attempt = 0; attempt < 60; attempt++) {
      String hostname = cluster
          .docker()
          .ok(
              "service",
              "ps",
              service,
              "--filter",
              "desired-state=running",
              "--format",
              "{{.Node}}")
          .trim();
      for (ClusterNode node : cluster.nodes()) {
        if (node.hostname().equals(hostname)) {
          return node;
        }
      }
      sleep();
    }
    throw new AssertionError("no node was given the task of " + service + " within 30 s");
  }

  private static void sleep() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
