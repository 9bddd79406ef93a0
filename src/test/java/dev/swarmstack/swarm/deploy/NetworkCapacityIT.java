package dev.swarmstack.swarm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.deploy.RolloutReport.Outcome;
import dev.swarmstack.swarm.problem.StackException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The address count on the real swarm: 200 one-replica services on one overlay network. With the swarm's default
 * /24 the engine would accept them and leave most tasks New or Rejected; the deploy refuses them before its first
 * write. With a /20 they fit and converge. Kept light for CI: busybox sleeping, no healthchecks, 1 s monitor, and
 * SIGKILL as stop signal so that removing 200 tasks does not wait out 200 stop grace periods.
 */
class NetworkCapacityIT extends EngineTestBase {

  private static final int SERVICES = 200;
  private static final DeployOptions OPTIONS = new DeployOptions(false, ResolveImage.NEVER, host -> Optional.empty(),
      Duration.ofMinutes(3));
  private static final ConvergeOptions WAIT = new ConvergeOptions(false, Duration.ofMinutes(8), false, 5);

  @Test
  void twoHundredServicesOnADefaultSubnetAreRefusedBeforeAnyWrite() {
    TestStack stack = twoHundredServices(null);

    StackException refused = assertThrows(StackException.class,
        () -> new StackRollout(engine, deployLog).deploy(namespace, stack.converted(), OPTIONS, WAIT));

    String message = refused.getMessage();
    assertTrue(message.contains("network " + stack.scoped("net") + " needs 401 addresses but has 253: 200 virtual IPs"),
        message);
    assertTrue(message.contains("200 task addresses") && message.contains("1 load-balancer address"), message);
    assertTrue(message.contains("Use a /23 or larger subnet"), message);
    assertEquals(List.of(), engine.writes(), "nothing is written when the count fails");
    Map<String, String> label = StackLabels.of(namespace);
    assertEquals(List.of(), names(engine.listServices(label)));
    assertEquals(List.of(), names(engine.listNetworks(label)));
  }

  @Test
  void withASlash20TheyPassTheCountAndConverge() {
    // far from the 10.0.0.0/8 default pool the swarm hands /24s out of, from its start
    String subnet = "10.250." + 16 * ThreadLocalRandom.current().nextInt(16) + ".0/20";
    TestStack stack = twoHundredServices(subnet);
    Instant start = Instant.now();

    RolloutReport report = new StackRollout(engine, deployLog).deploy(namespace, stack.converted(), OPTIONS, WAIT);

    Duration took = Duration.between(start, Instant.now());
    assertEquals(Outcome.CONVERGED, report.outcome(), log.toString());
    assertEquals(SERVICES, report.services().size());
    System.out.println("NetworkCapacityIT: " + SERVICES + " services on " + subnet + " converged in " + took.toSeconds()
        + " s; timings " + report.timingsMillis);
  }

  private TestStack twoHundredServices(String subnet) {
    TestStack stack = new TestStack(namespace);
    ObjectNode network = stack.network("net");
    if (subnet != null) {
      network.putObject("IPAM").put("Driver", "default").putArray("Config").addObject().put("Subnet", subnet);
    }
    for (int i = 0; i < SERVICES; i++) {
      ObjectNode service = stack.service(String.format("s%03d", i), TestStack.IMAGE, "net");
      ((ObjectNode) service.path("TaskTemplate").path("ContainerSpec")).put("StopSignal", "SIGKILL");
      service.putObject("UpdateConfig").put("Parallelism", 1).put("Monitor", 1_000_000_000L);
    }
    return stack;
  }
}
