package dev.swarmstack.swarm.multinode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmstack.swarm.deploy.RolloutReport.Outcome;
import dev.swarmstack.swarm.testing.MultiNodeSwarm;
import dev.swarmstack.swarm.testing.SwarmCluster;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Placement as the plugin converts it from compose ends up on the right nodes: constraints on a node label and on
 * the role, a spread preference over a label, {@code max_replicas_per_node}. Zones: m1 and w1 are in zone a, w2 is
 * in zone b, so spreading 4 tasks over the zones puts 2 on w2, where the scheduler's default balancing would put
 * at most 2 on any node, and on w2 only by chance.
 */
@MultiNodeSwarm
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(value = MultiNodeSwarm.NODES, mode = ResourceAccessMode.READ)
class PlacementIT {

  private static final String STACK = """
      version: "3.8"
      services:
        zoned:
          image: local/busybox:1
          command: ["sleep", "3600"]
          stop_grace_period: 1s
          deploy:
            replicas: 2
            placement:
              constraints: [node.labels.zone == a]
            update_config: {monitor: 1s}
        workers:
          image: local/busybox:1
          command: ["sleep", "3600"]
          stop_grace_period: 1s
          deploy:
            replicas: 2
            placement:
              constraints: [node.role == worker]
              max_replicas_per_node: 1
            update_config: {monitor: 1s}
        spread:
          image: local/busybox:1
          command: ["sleep", "3600"]
          stop_grace_period: 1s
          deploy:
            replicas: 4
            placement:
              preferences:
                - spread: node.labels.zone
            update_config: {monitor: 1s}
        managers:
          image: local/busybox:1
          command: ["sleep", "3600"]
          stop_grace_period: 1s
          deploy:
            placement:
              constraints: [node.role == manager]
            update_config: {monitor: 1s}
      """;

  private final SwarmCluster cluster;

  PlacementIT(SwarmCluster cluster) {
    this.cluster = cluster;
  }

  @BeforeAll
  static void labelZones(SwarmCluster cluster) {
    zone(cluster, "m1", "--label-add", "zone=a");
    zone(cluster, "w1", "--label-add", "zone=a");
    zone(cluster, "w2", "--label-add", "zone=b");
  }

  @AfterAll
  static void removeZones(SwarmCluster cluster) {
    for (String node : new String[] {"m1", "w1", "w2"}) {
      zone(cluster, node, "--label-rm", "zone");
    }
  }

  @Test
  void constraintsPreferencesAndMaxReplicasPerNodePlaceEachTaskWhereItBelongs() {
    try (ClusterStacks stack = new ClusterStacks(cluster)) {
      assertEquals(Outcome.CONVERGED, stack.deploy(STACK).outcome(), stack.log.toString());

      String m1 = cluster.node("m1").hostname();
      String w1 = cluster.node("w1").hostname();
      String w2 = cluster.node("w2").hostname();
      Map<String, Integer> zoned = stack.runningTasksByNode("zoned");
      assertEquals(2, zoned.values().stream().mapToInt(Integer::intValue).sum(), "zoned: " + zoned);
      assertTrue(Set.of(m1, w1).containsAll(zoned.keySet()), "only zone a: " + zoned);
      assertEquals(Map.of(w1, 1, w2, 1), stack.runningTasksByNode("workers"));
      Map<String, Integer> spread = stack.runningTasksByNode("spread");
      assertEquals(2, spread.get(w2), "half of the tasks in zone b, which is w2 alone: " + spread);
      assertEquals(Map.of(m1, 1, w1, 1, w2, 2), spread);
      assertEquals(Map.of(m1, 1), stack.runningTasksByNode("managers"));
    }
  }

  private static void zone(SwarmCluster cluster, String node, String... labelArgs) {
    String[] args = new String[labelArgs.length + 3];
    args[0] = "node";
    args[1] = "update";
    System.arraycopy(labelArgs, 0, args, 2, labelArgs.length);
    args[args.length - 1] = cluster.node(node).hostname();
    cluster.docker().ok(args);
  }
}
