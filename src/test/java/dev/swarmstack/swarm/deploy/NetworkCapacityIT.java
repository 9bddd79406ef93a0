package dev.swarmstack.swarm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.history.Recording;
import dev.swarmstack.swarm.problem.StackException;
import dev.swarmstack.swarm.stack.StackLabels;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The address count on the real swarm: 200 one-replica services on one overlay network. With the swarm's default
 * /24 the engine would accept them and leave most tasks New or Rejected; the deploy refuses them before its first
 * write. With a /20 they fit and converge. Kept as light as it can be for CI: busybox sleeping, no healthchecks, and
 * SIGKILL as stop signal (a shell's sleep as PID 1 ignores SIGTERM, so removal would wait out the grace period).
 */
class NetworkCapacityIT extends EngineTestBase {

  private static final int SERVICES = 200;
  private static final DeployOptions OPTIONS =
      new DeployOptions(false, ResolveImage.NEVER, host -> Optional.empty(), Duration.ofMinutes(3));
  private static final ConvergeOptions WAIT =
      new ConvergeOptions(false, Duration.ofMinutes(1), false, 5);

  @Test
  void twoHundredServicesOnADefaultSubnetAreRefusedBeforeAnyWrite() {
    TestStack stack = twoHundredServices(null);

    StackException refused =
        assertThrows(StackException.class, () -> new StackRollout(engine, deployLog)
            .deploy(namespace, stack.converted(), OPTIONS, WAIT, Recording.off()));

    String message = refused.getMessage();
    assertTrue(
        message.contains(
            "network " + stack.scoped("net") + " needs 401 addresses but has 253: 200 virtual IPs"),
        message);
    assertTrue(
        message.contains("200 task addresses") && message.contains("1 load-balancer address"),
        message);
    assertTrue(message.contains("Use a /23 or larger subnet"), message);
    assertEquals(List.of(), engine.writes(), "nothing is written when the count fails");
    Map<String, String> label = StackLabels.of(namespace);
    assertEquals(List.of(), names(engine.listServices(label)));
    assertEquals(List.of(), names(engine.listNetworks(label)));
  }

  /**
   * Waits with its own poll rather than the rollout's watcher, so that a failure says how many of the 200 services
   * got a running task.
   */
  @Test
  void withASlash20TheyPassTheCountAndConverge() {
    cleanups.add(this::removeLeftoverContainers);
    // far from the 10.0.0.0/8 default pool the swarm hands /24s out of, from its start
    String subnet = "10.250." + 16 * ThreadLocalRandom.current().nextInt(16) + ".0/20";
    TestStack stack = twoHundredServices(subnet);
    Instant start = Instant.now();

    deployer().deploy(namespace, stack.converted(), OPTIONS);

    Instant applied = Instant.now();
    assertEquals(SERVICES + 1, engine.writes().size(), "the network and the services are created");
    long running = awaitRunning(Duration.ofMinutes(8));
    assertEquals(SERVICES, running, "services with a running task");
    System.out.println(
        "NetworkCapacityIT: " + SERVICES + " services on " + subnet + ": plan and writes "
            + Duration.between(start, applied).toSeconds() + " s, all running after "
            + Duration.between(start, Instant.now()).toSeconds() + " s");
  }

  /** How many of the stack's services have a running task, once all have or {@code timeout} passed. */
  private long awaitRunning(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    long running;
    do {
      sleep(Duration.ofSeconds(3));
      running = engine
          .listTasks(Map.of(
              "label",
              List.of(StackLabels.NAMESPACE + "=" + namespace),
              "desired-state",
              List.of("running")))
          .stream()
          .filter(task -> task.path("Status").path("State").asText().equals("running"))
          .map(task -> task.path("ServiceID").asText())
          .distinct()
          .count();
    } while (running < SERVICES && Instant.now().isBefore(deadline));
    return running;
  }

  /**
   * After the stack is removed the engine takes minutes to delete 200 containers while other tests wait on it; the
   * test made them, so it deletes them itself.
   */
  private void removeLeftoverContainers() {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    String filter = "label=" + StackLabels.NAMESPACE + "=" + namespace;
    while (Instant.now().isBefore(deadline)) {
      List<String> ids = DOCKER
          .ok("ps", "-aq", "--filter", filter)
          .lines()
          .filter(id -> !id.isBlank())
          .toList();
      if (ids.isEmpty() && DOCKER.ok("network", "ls", "-q", "--filter", filter).isBlank()) {
        return;
      }
      for (int from = 0; from < ids.size(); from += 50) {
        List<String> command = new ArrayList<>(List.of("rm", "-f"));
        command.addAll(ids.subList(from, Math.min(ids.size(), from + 50)));
        DOCKER.run(command.toArray(String[]::new));
      }
      DOCKER.run("network", "rm", namespace + "_net");
      sleep(Duration.ofSeconds(2));
    }
  }

  private TestStack twoHundredServices(String subnet) {
    TestStack stack = new TestStack(namespace);
    ObjectNode network = stack.network("net");
    if (subnet != null) {
      network
          .putObject("IPAM")
          .put("Driver", "default")
          .putArray("Config")
          .addObject()
          .put("Subnet", subnet);
    }
    for (int i = 0; i < SERVICES; i++) {
      ObjectNode service = stack.service(String.format("s%03d", i), TestStack.IMAGE, "net");
      ((ObjectNode) service.path("TaskTemplate").path("ContainerSpec"))
          .put("StopSignal", "SIGKILL");
    }
    return stack;
  }
}
