package dev.swarmstack.swarm.multinode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmstack.swarm.deploy.DeployFailedException;
import dev.swarmstack.swarm.docker.DockerSwarmEngine;
import dev.swarmstack.swarm.engine.EngineConnection;
import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.network.SharedNetwork;
import dev.swarmstack.swarm.network.SharedNetworks;
import dev.swarmstack.swarm.problem.Origin;
import dev.swarmstack.swarm.stack.DeployLog;
import dev.swarmstack.swarm.testing.ClusterNode;
import dev.swarmstack.swarm.testing.MultiNodeSwarm;
import dev.swarmstack.swarm.testing.SwarmCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Issue 7, item 8: a macvlan network's settings (parent interface, addresses) live in a config-only network, which
 * is node-local. {@code swarm:networks} creates it on the manager it talks to only, so a service on the network
 * runs there and fails on every other node; creating the same config-only network on each node (each with its own
 * IP range, since each node's IPAM hands out addresses alone) is the documented way out, and then it runs
 * everywhere. Parent: each node's {@code eth0}, its link to the cluster's bridge.
 */
@MultiNodeSwarm
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(value = MultiNodeSwarm.NODES, mode = ResourceAccessMode.READ)
class MacvlanAcrossNodesIT {

  private static final DeployLog CONSOLE = new DeployLog() {
    @Override
    public void info(String message) {
      System.out.println(message);
    }

    @Override
    public void warn(String message) {
      System.out.println("WARN " + message);
    }
  };

  private final SwarmCluster cluster;

  MacvlanAcrossNodesIT(SwarmCluster cluster) {
    this.cluster = cluster;
  }

  @Test
  void aConfigOnlyNetworkOnTheManagerAloneFailsTheOtherNodesUntilEachNodeHasOne() {
    int octet = ThreadLocalRandom.current().nextInt(100, 250);
    String prefix = "192.168." + octet + ".";
    String name = "mv" + octet + Long.toHexString(System.nanoTime() & 0xffff);
    SharedNetwork macvlan = new SharedNetwork(
        name,
        "macvlan",
        new TreeMap<>(Map.of("parent", "eth0")),
        true,
        false,
        false,
        new TreeMap<>(),
        null,
        List.of(new SharedNetwork.Pool(prefix + "0/24", prefix + "0/26", null, null)),
        Origin.pom("<sharedNetworks>"));
    String stack = """
        version: "3.8"
        services:
          app:
            image: local/busybox:1
            command: ["sleep", "3600"]
            networks: [mv]
            deploy:
              mode: global
              update_config: {monitor: 1s}
        networks:
          mv:
            external: true
            name: %s
        """.formatted(name);
    try (SwarmEngine manager = DockerSwarmEngine.connect(new EngineConnection(
        cluster.manager().host(), "the test cluster", null, Duration.ofSeconds(30)))) {
      SharedNetworks shared = new SharedNetworks(manager, CONSOLE, Duration.ofMinutes(1));
      ClusterStacks stacks = new ClusterStacks(cluster);
      try {
        shared.create(List.of(macvlan), false);

        DeployFailedException onlyOnTheManager =
            assertThrows(DeployFailedException.class, () -> stacks.deploy(stack));
        System.out.println(
            "config-only network on the manager only:\n" + onlyOnTheManager.getMessage());
        String report = onlyOnTheManager.getMessage();
        assertTrue(report.contains("service app failed: task rejected on "), report);
        assertTrue(
            report.contains(
                ": configuration network \"" + macvlan.configNetworkName() + "\" does not exist\n"),
            report);
        assertTrue(
            report.contains("\n    hint:  config-only networks are node-local: create "
                + macvlan.configNetworkName() + " on that node too"),
            report);

        // the documented procedure: the same config-only network on every other node, each with its
        // own range
        int range = 64;
        for (ClusterNode node : cluster.nodes()) {
          if (!node.name().equals(cluster.manager().name())) {
            cluster
                .docker(node.name())
                .ok(
                    "network",
                    "create",
                    "--config-only",
                    "--subnet",
                    prefix + "0/24",
                    "--ip-range",
                    prefix + range + "/26",
                    "-o",
                    "parent=eth0",
                    macvlan.configNetworkName());
            range += 64;
          }
        }
        stacks.deploy(stack);
        assertEquals(
            cluster.nodes().size(), stacks.runningTasksByNode("app").size(), stacks.log.toString());
      } finally {
        stacks.close();
        shared.remove(List.of(macvlan));
        for (ClusterNode node : cluster.nodes()) {
          cluster.docker(node.name()).run("network", "rm", macvlan.configNetworkName());
        }
      }
    }
  }
}
