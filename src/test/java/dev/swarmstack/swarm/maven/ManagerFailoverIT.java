package dev.swarmstack.swarm.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmstack.swarm.testing.ClusterNode;
import dev.swarmstack.swarm.testing.MultiNodeSwarm;
import dev.swarmstack.swarm.testing.SwarmCluster;
import java.util.List;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Issue 7, item 7: the goals, given all three managers of a swarm in {@code <dockerHosts>}, work on while the first
 * manager's dockerd is stopped: first in the middle of a deploy's wait, then before deploy, diff and rm. The
 * cluster is this class's own, torn down after it.
 */
@MojoTest
// a cluster of its own: the class runs beside the other engine tests, its cases one after the other
@Execution(ExecutionMode.CONCURRENT)
@MultiNodeSwarm(managers = 3, workers = 0, shared = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ManagerFailoverIT {

  private static final String POM = "src/test/resources/unit/failover-cluster-pom.xml";

  private final SwarmCluster cluster;

  ManagerFailoverIT(SwarmCluster cluster) {
    this.cluster = cluster;
  }

  /** The service runs on m2 and m3 only, so stopping m1 costs no task. */
  @BeforeAll
  static void keepTasksOffTheFirstManager(SwarmCluster cluster) {
    for (ClusterNode node : cluster.managers().subList(1, 3)) {
      cluster.docker().ok("node", "update", "--label-add", "failover=keep", node.hostname());
    }
  }

  @Test
  @Execution(
      ExecutionMode.SAME_THREAD) // one after the other: each stops nodes of the shared cluster
  @Order(1)
  @MojoParameter(name = "stackName", value = "lostwhilewaiting")
  void aDeployWaitingThroughTheFirstManagerGoesOnThroughTheSecondWhenItStops(
      @InjectMojo(goal = "deploy", pom = POM) DeployMojo deploy) throws Exception {
    RecordingLog log = new RecordingLog(line -> {
      if (line.startsWith("[INFO] web  ")) {
        cluster.stopNode(
            "m1",
            false); // at the wait's first progress line: the next round meets a stopped manager
      }
    });
    run(deploy, log);

    // m2 answers once it and m3 have elected a new leader (m1 was the leader): a few seconds,
    // within the timeout
    assertEquals(
        List.of(
            "[INFO] Using swarm manager " + host("m1"), "[INFO] Using swarm manager " + host("m2")),
        log.startingWith("[INFO] Using swarm manager"),
        log.lines().toString());
    assertEquals(
        1,
        log.startingWith("[WARNING] Lost swarm manager " + host("m1") + " (from <dockerHosts>): ")
            .size(),
        log.lines().toString());
    assertTrue(
        log.lines().stream()
            .anyMatch(line -> line.startsWith("[INFO] Stack lostwhilewaiting converged in ")),
        log.lines().toString());
    assertEquals(
        "1/1",
        cluster
            .docker("m2")
            .ok(
                "service",
                "ls",
                "--filter",
                "name=lostwhilewaiting_web",
                "--format",
                "{{.Replicas}}")
            .trim());
  }

  @Test
  @Execution(
      ExecutionMode.SAME_THREAD) // one after the other: each stops nodes of the shared cluster
  @Order(2)
  @MojoParameter(name = "stackName", value = "firstmanagerdown")
  void deployDiffAndRmWorkThroughAnotherManagerWhileTheFirstIsDown(
      @InjectMojo(goal = "deploy", pom = POM) DeployMojo deploy,
      @InjectMojo(goal = "diff", pom = POM) DiffMojo diff,
      @InjectMojo(goal = "rm", pom = POM) RemoveMojo rm)
      throws Exception {
    // stopped by the test before; stopping a stopped node again is a no-op for the harness
    cluster.stopNode("m1", false);
    for (AbstractEngineMojo goal : List.of(deploy, diff, rm)) {
      RecordingLog log = new RecordingLog();
      run(goal, log);

      List<String> skipped = log.startingWith("[WARNING] Skipped swarm manager ");
      assertEquals(1, skipped.size(), log.lines().toString());
      assertTrue(
          skipped
              .get(0)
              .startsWith("[WARNING] Skipped swarm manager " + host("m1") + ": unreachable: "),
          skipped.get(0));
      assertEquals(
          List.of("[INFO] Using swarm manager " + host("m2")),
          log.startingWith("[INFO] Using swarm manager"));
      String services = cluster
          .docker("m2")
          .ok("service", "ls", "--filter", "name=firstmanagerdown_", "--format", "{{.Name}}");
      assertEquals(
          goal == rm ? "" : "firstmanagerdown_web\n", services, goal.getClass().getSimpleName());
    }
  }

  private void run(AbstractEngineMojo goal, RecordingLog log) throws Exception {
    MojoExtension.setVariableValueToObject(
        goal, "dockerHosts", cluster.managers().stream().map(ClusterNode::host).toList());
    goal.setLog(log);
    goal.execute();
  }

  private String host(String node) {
    return cluster.node(node).host();
  }
}
