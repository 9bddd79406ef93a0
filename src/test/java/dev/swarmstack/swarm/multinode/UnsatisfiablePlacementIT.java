package dev.swarmstack.swarm.multinode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmstack.swarm.deploy.DeployFailedException;
import dev.swarmstack.swarm.deploy.RolloutReport.Outcome;
import dev.swarmstack.swarm.testing.MultiNodeSwarm;
import dev.swarmstack.swarm.testing.SwarmCluster;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A placement no node can satisfy fails the deploy with the scheduler's reason within seconds, not after the wait's
 * timeout (120 s here), and the first deploy is rolled back to nothing.
 */
@MultiNodeSwarm
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(value = MultiNodeSwarm.NODES, mode = ResourceAccessMode.READ)
class UnsatisfiablePlacementIT {

  /** The grace the scheduler gets (5 s), the rollback, and a busy machine. */
  private static final Duration FAST = Duration.ofSeconds(45);

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

    assertTrue(message.contains("service nowhere failed: task pending: no suitable node "
        + "(scheduling constraints not satisfied on 3 nodes)"), message);
    assertTrue(message.contains("  node:  no node") && message.contains("  state: pending"), message);
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

    assertTrue(message.contains("service crowded failed: task pending: no suitable node (max replicas per node "
        + "limit exceed"), message);
  }

  private String failedDeploy(String compose) {
    try (ClusterStacks stack = new ClusterStacks(cluster)) {
      Instant start = Instant.now();
      DeployFailedException failure = assertThrows(DeployFailedException.class, () -> stack.deploy(compose));
      Duration took = Duration.between(start, Instant.now());

      assertTrue(took.compareTo(FAST) < 0, "failed after " + took.toSeconds() + " s: " + failure.getMessage());
      assertEquals(Outcome.ROLLED_BACK, failure.report().outcome(), failure.getMessage());
      assertTrue(failure.getMessage().contains("rolled back to nothing"), failure.getMessage());
      return failure.getMessage();
    }
  }
}
