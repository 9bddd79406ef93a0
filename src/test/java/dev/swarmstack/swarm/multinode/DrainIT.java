package dev.swarmstack.swarm.multinode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmstack.swarm.deploy.RolloutReport.Outcome;
import dev.swarmstack.swarm.testing.MultiNodeSwarm;
import dev.swarmstack.swarm.testing.SwarmCluster;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/** A deploy onto a swarm with a drained node places nothing there, and the wait doesn't wait for it. */
@MultiNodeSwarm
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(value = MultiNodeSwarm.NODES, mode = ResourceAccessMode.READ_WRITE)
class DrainIT {

  private static final String STACK = """
      version: "3.8"
      services:
        replicated:
          image: local/busybox:1
          command: ["sleep", "3600"]
          stop_grace_period: 1s
          deploy:
            replicas: 4
            update_config: {monitor: 1s}
        global:
          image: local/busybox:1
          command: ["sleep", "3600"]
          stop_grace_period: 1s
          deploy:
            mode: global
            update_config: {monitor: 1s}
      """;

  private final SwarmCluster cluster;

  DrainIT(SwarmCluster cluster) {
    this.cluster = cluster;
  }

  @Test
  void aDrainedNodeGetsNoTask() {
    String drained = cluster.node("w2").hostname();
    cluster.docker().ok("node", "update", "--availability", "drain", drained);
    try (ClusterStacks stack = new ClusterStacks(cluster)) {
      assertEquals(Outcome.CONVERGED, stack.deploy(STACK).outcome(), stack.log.toString());

      Map<String, Integer> replicated = stack.runningTasksByNode("replicated");
      assertEquals(
          4, replicated.values().stream().mapToInt(Integer::intValue).sum(), replicated.toString());
      assertTrue(!replicated.containsKey(drained), "nothing on " + drained + ": " + replicated);
      assertEquals(
          Map.of(cluster.node("m1").hostname(), 1, cluster.node("w1").hostname(), 1),
          stack.runningTasksByNode("global"));
      assertTrue(
          stack.log.stream().anyMatch(line -> line.matches("INFO global\\s+2/2 nodes running")),
          stack.log.toString());
    } finally {
      cluster.docker().ok("node", "update", "--availability", "active", drained);
    }
  }
}
