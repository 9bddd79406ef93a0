package dev.swarmstack.swarm.multinode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmstack.swarm.deploy.RolloutReport.Outcome;
import dev.swarmstack.swarm.testing.MultiNodeSwarm;
import dev.swarmstack.swarm.testing.SwarmCluster;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Global services converge with one task on each eligible node, and the wait counts those nodes: all of them from
 * the start, also during a rolling update that replaces one node's task at a time.
 */
@MultiNodeSwarm
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(value = MultiNodeSwarm.NODES, mode = ResourceAccessMode.READ)
class GlobalModeIT {

  private static final String STACK = """
      version: "3.8"
      services:
        everywhere:
          image: local/busybox:1
          command: ["sleep", "3600"]
          stop_grace_period: 1s
          deploy:
            mode: global
            update_config: {parallelism: 1, monitor: 1s}
        workersonly:
          image: local/busybox:1
          command: ["sleep", "3600"]
          stop_grace_period: 1s
          deploy:
            mode: global
            placement:
              constraints: [node.role == worker]
            update_config: {parallelism: 1, monitor: 1s}
      """;

  private static final Pattern NODES_RUNNING =
      Pattern.compile("INFO (\\w+)\\s+(\\d+)/(\\d+) nodes running");

  private final SwarmCluster cluster;

  GlobalModeIT(SwarmCluster cluster) {
    this.cluster = cluster;
  }

  @Test
  void oneTaskPerEligibleNodeAndTheWaitCountsAllOfThemAlsoDuringARollingUpdate() {
    try (ClusterStacks stack = new ClusterStacks(cluster)) {
      assertEquals(Outcome.CONVERGED, stack.deploy(STACK).outcome(), stack.log.toString());

      String m1 = cluster.node("m1").hostname();
      String w1 = cluster.node("w1").hostname();
      String w2 = cluster.node("w2").hostname();
      assertEquals(Map.of(m1, 1, w1, 1, w2, 1), stack.runningTasksByNode("everywhere"));
      assertEquals(Map.of(w1, 1, w2, 1), stack.runningTasksByNode("workersonly"));
      assertNodeCounts(stack.log, Map.of("everywhere", 3, "workersonly", 2));

      stack.log.clear();
      assertEquals(
          Outcome.CONVERGED,
          stack.deploy(STACK.replace("3600", "3601")).outcome(),
          stack.log.toString());

      // converged means every node runs the new spec: a wait that counted only updated nodes ends
      // after the first
      assertEquals(
          List.of(
              "running [\"sleep\",\"3601\"]",
              "running [\"sleep\",\"3601\"]",
              "running [\"sleep\",\"3601\"]"),
          stack.runningTaskArgs("everywhere"),
          stack.log.toString());
      assertEquals(
          List.of("running [\"sleep\",\"3601\"]", "running [\"sleep\",\"3601\"]"),
          stack.runningTaskArgs("workersonly"),
          stack.log.toString());
      assertNodeCounts(stack.log, Map.of("everywhere", 3, "workersonly", 2));
    }
  }

  /** Every progress line of each service counts all of its eligible nodes. */
  private static void assertNodeCounts(List<String> log, Map<String, Integer> eligible) {
    int lines = 0;
    for (String line : log) {
      Matcher matcher = NODES_RUNNING.matcher(line);
      if (matcher.find()) {
        lines++;
        assertEquals(
            eligible.get(matcher.group(1)), Integer.valueOf(matcher.group(3)), line + " in " + log);
      }
    }
    assertTrue(lines >= 2, "progress lines for both services: " + log);
  }
}
