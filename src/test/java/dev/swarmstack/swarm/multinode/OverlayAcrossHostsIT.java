package dev.swarmstack.swarm.multinode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.swarmstack.swarm.deploy.RolloutReport.Outcome;
import dev.swarmstack.swarm.testing.MultiNodeSwarm;
import dev.swarmstack.swarm.testing.SwarmCluster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Containers on different hosts talk over an overlay network the plugin created (VXLAN between the nodes'
 * dockerds). Traffic goes to {@code tasks.<service>} names and task IPs: this kernel has no IPVS, so service VIPs
 * don't forward. Each server task answers with its node's hostname, so an answer proves which host it came from.
 */
@MultiNodeSwarm
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(value = MultiNodeSwarm.NODES, mode = ResourceAccessMode.READ)
class OverlayAcrossHostsIT {

  private static final String STACK = """
      version: "3.8"
      services:
        server:
          image: local/busybox:1
          hostname: "{{.Node.Hostname}}"
          stop_grace_period: 1s
          command:
            - sh
            - -c
            - >-
              busybox mkdir -p /www && cat /etc/hostname > /www/index.html
              && exec httpd -f -p 8080 -h /www
          networks: [mesh]
          deploy:
            replicas: 2
            endpoint_mode: dnsrr
            placement:
              max_replicas_per_node: 1
              constraints: [node.role == worker]
            update_config: {monitor: 1s}
        client:
          image: local/busybox:1
          command: ["sleep", "3600"]
          stop_grace_period: 1s
          networks: [mesh]
          deploy:
            placement:
              constraints: [node.role == manager]
            update_config: {monitor: 1s}
      networks:
        mesh:
          driver: overlay
      """;

  private final SwarmCluster cluster;

  OverlayAcrossHostsIT(SwarmCluster cluster) {
    this.cluster = cluster;
  }

  @Test
  void aTaskReachesTasksOnOtherHostsByTasksNameAndByIp() {
    try (ClusterStacks stack = new ClusterStacks(cluster)) {
      assertEquals(Outcome.CONVERGED, stack.deploy(STACK).outcome(), stack.log.toString());

      assertServersAnswerFromBothWorkers(stack);
    }
  }

  /**
   * Encrypted overlays put VXLAN inside IPsec ESP between the hosts. Without ESP in the kernel the engine can't
   * install the security associations ("Failed Adding ... SA: function not implemented" in its log): the deploy
   * still converges, but no packet crosses hosts.
   */
  @Test
  void anEncryptedOverlayDeploysAndCarriesTrafficWhereTheKernelHasEsp() {
    try (ClusterStacks stack = new ClusterStacks(cluster)) {
      String encrypted =
          STACK.replace("driver: overlay", "driver: overlay\n    driver_opts: {encrypted: \"\"}");
      assertEquals(Outcome.CONVERGED, stack.deploy(encrypted).outcome(), stack.log.toString());
      String options = stack
          .docker()
          .ok("network", "inspect", "--format", "{{json .Options}}", stack.scoped("mesh"));
      assertTrue(options.contains("\"encrypted\":\"\""), options);

      assumeTrue(
          kernelHasEsp(),
          "this kernel has no IPsec ESP (CONFIG_INET_ESP is not set): an encrypted overlay "
              + "deploys and its tasks run, but the engine cannot install the ESP security associations, so no packet "
              + "crosses hosts");
      assertServersAnswerFromBothWorkers(stack);
    }
  }

  private void assertServersAnswerFromBothWorkers(ClusterStacks stack) {
    Set<String> workers =
        new TreeSet<>(cluster.workers().stream().map(node -> node.hostname()).toList());
    Map<String, Integer> placed = stack.runningTasksByNode("server");
    assertEquals(workers, placed.keySet(), "one server task on each worker: " + placed);

    String client = stack.containerOn("m1", "client");
    String lookup = exec(stack, client, "nslookup tasks.server 127.0.0.11");
    Set<String> addresses = new TreeSet<>(lookup
        .lines()
        .dropWhile(line -> !line.startsWith("Name:"))
        .filter(line -> line.startsWith("Address"))
        .map(line -> line.substring(line.lastIndexOf(' ') + 1))
        .toList());
    assertEquals(2, addresses.size(), "tasks.server resolves to both tasks: " + lookup);

    Set<String> answeredByIp = new TreeSet<>();
    for (String address : addresses) {
      answeredByIp.add(httpGet(stack, client, address));
    }
    assertEquals(workers, answeredByIp, "each task IP answers from its own host");

    String byName = httpGet(stack, client, "tasks.server");
    assertTrue(workers.contains(byName), "tasks.server answered from " + byName);
  }

  /**
   * The body of {@code GET /} on port 8080, with nc: the static busybox's wget crashes resolving any address (its
   * libc's resolver can't load NSS modules).
   */
  private String httpGet(ClusterStacks stack, String container, String host) {
    String request = "printf 'GET / HTTP/1.0\\r\\n\\r\\n'";
    return exec(stack, container, request + " | nc -w 5 " + host + " 8080 | busybox tail -n 1")
        .strip();
  }

  private String exec(ClusterStacks stack, String container, String script) {
    return cluster.docker("m1").ok("exec", container, "sh", "-c", script);
  }

  /** From the kernel's configuration when it publishes it; otherwise assume ESP is there. */
  private static boolean kernelHasEsp() {
    Path config = Path.of("/proc/config.gz");
    if (!Files.isReadable(config)) {
      return true;
    }
    try (InputStream in = new GZIPInputStream(Files.newInputStream(config))) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return text.contains("CONFIG_INET_ESP=y") || text.contains("CONFIG_INET_ESP=m");
    } catch (IOException e) {
      return true;
    }
  }
}
