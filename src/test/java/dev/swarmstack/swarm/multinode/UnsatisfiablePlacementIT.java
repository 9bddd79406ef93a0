package dev.swarmstack.swarm.multinode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmstack.swarm.deploy.DeployFailedException;
import dev.swarmstack.swarm.deploy.RolloutReport.Outcome;
import dev.swarmstack.swarm.testing.MultiNodeSwarm;
import dev.swarmstack.swarm.testing.SwarmCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A placement no node can satisfy fails the deploy with the scheduler's reason, not with the wait's timeout (120 s
 * here), and the first deploy is rolled back to nothing. How fast that is, is measured by bench/converge-timings.sh.
 */
@MultiNodeSwarm
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(value = MultiNodeSwarm.NODES, mode = ResourceAccessMode.READ)
class UnsatisfiablePlacementIT {

  private final SwarmCluster cluster;

  UnsatisfiablePlacementIT(SwarmCluster cluster) {
    this.cluster = cluster;
  }

  @Test
  void aConstraintNoNodeSatisfiesFailsFastWithNoSuitableNode() {
    String message = failedDeploy("""
        version: "3.8"
        services:
          nowhere:
            image: local/busybox:1
            command: ["sleep", "3600"]
            deploy:
              placement:
                constraints: [node.labels.swarmstack-test-never == true]
        """);

    assertTrue(
        message.contains("service nowhere failed: task pending: no suitable node "
            + "(scheduling constraints not satisfied on 3 nodes)"),
        message);
    assertTrue(
        message.contains("  node:  no node") && message.contains("  state: pending"), message);
  }

  @Test
  void moreReplicasThanMaxReplicasPerNodeAllowsFailFastNamingTheLimit() {
    String message = failedDeploy("""
        version: "3.8"
        services:
          crowded:
            image: local/busybox:1
            command: ["sleep", "3600"]
            stop_grace_period: 1s
            deploy:
              replicas: 3
              placement:
                constraints: [node.role == worker]
                max_replicas_per_node: 1
        """);

    assertTrue(
        message.contains(
            "service crowded failed: task pending: no suitable node (max replicas per node "
                + "limit exceed"),
        message);
  }

  private String failedDeploy(String compose) {
    try (ClusterStacks stack = new ClusterStacks(cluster)) {
      DeployFailedException failure =
          assertThrows(DeployFailedException.class, () -> stack.deploy(compose));

      assertFalse(failure.getMessage().contains("timed out"), failure.getMessage());
      assertEquals(Outcome.ROLLED_BACK, failure.report().outcome(), failure.getMessage());
      assertTrue(failure.getMessage().contains("rolled back to nothing"), failure.getMessage());
      return failure.getMessage();
    }
  }
}
