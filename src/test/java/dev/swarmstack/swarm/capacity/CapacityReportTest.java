package dev.swarmstack.swarm.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmstack.swarm.capacity.AddressSpace.Allocation;
import dev.swarmstack.swarm.capacity.AddressSpace.State;
import dev.swarmstack.swarm.problem.Origin;
import dev.swarmstack.swarm.problem.Problem;
import dev.swarmstack.swarm.problem.Problems;
import dev.swarmstack.swarm.problem.UserTerms;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One error per network that is too small: the numbers, and the fix in the form the network was declared. */
class CapacityReportTest {

  private static final Origin POM = Origin.pom("<networks><network>front</network>");
  private static final Origin COMPOSE = new Origin("stack.yml:12:3");

  @Test
  void aNewDefaultSubnetNetworkDeclaredInThePom() {
    String message =
        message(new AddressSpace("app_front", Allocation.OVERLAY, List.of(), State.NEW, POM));

    assertEquals(
        "network app_front needs 401 addresses but has 253: 200 virtual IPs (one per service, except"
            + " endpoint_mode dnsrr), 200 task addresses (one per replica; global services one per node, jobs their"
            + " maximum concurrent tasks), 1 load-balancer address (one per node with tasks on it; 1 node); its subnet"
            + " has the swarm's default size, /24, as none is declared: 256 addresses, of which the engine reserves 3"
            + " (network, gateway, broadcast and any auxiliary addresses). The engine would accept the deploy and leave the"
            + " tasks it finds no address for New or Rejected (\"ip addresses may be exhausted\"). Use a /23 or larger"
            + " subnet: <ipam><subnet>10.10.0.0/23</subnet></ipam> in the pom's <network>",
        message);
  }

  @Test
  void aDeclaredSubnetIsWidenedInPlace() {
    String message = message(new AddressSpace(
        "app_front",
        Allocation.OVERLAY,
        List.of(AddressPool.of("172.20.1.0/24")),
        State.NEW,
        COMPOSE));

    assertTrue(message.contains("its subnet 172.20.1.0/24: 256 addresses"), message);
    assertTrue(
        message.endsWith(
            "Use a /23 or larger subnet: ipam: {config: [{subnet: 172.20.0.0/23}]} in the"
                + " network's declaration in the compose file"),
        message);
  }

  @Test
  void theImplicitDefaultNetworkMustBeDeclaredToGetASubnet() {
    String message =
        message(new AddressSpace("app_default", Allocation.OVERLAY, List.of(), State.NEW, COMPOSE));

    assertTrue(
        message.endsWith("(declare networks: default: for the implicit default network)"), message);
  }

  @Test
  void anExistingStackNetworkMustBeRecreated() {
    String message =
        message(new AddressSpace("app_front", Allocation.OVERLAY, List.of(), State.STACK, POM));

    assertTrue(
        message.contains(
            "The network exists since an earlier deploy and the engine can't change its subnet:"
                + " declare a /23 or larger subnet (<ipam><subnet>10.10.0.0/23</subnet></ipam> in the pom's <network>),"
                + " remove the stack (the rm command) and deploy again"),
        message);
  }

  @Test
  void anExternalNetworkIsRecreatedByItsOwner() {
    String message = message(new AddressSpace(
        "shared",
        Allocation.OVERLAY,
        List.of(AddressPool.of("10.30.0.0/24")),
        State.FOREIGN,
        COMPOSE));

    assertTrue(
        message.endsWith(
            "The network is not the stack's: recreate it with a /23 or larger subnet (e.g. docker"
                + " network create --driver overlay --subnet 10.30.0.0/23 shared), or move services to another network"),
        message);
  }

  @Test
  void ingressCanBeAvoidedOrRecreated() {
    String message = message(new AddressSpace(
        "ingress",
        Allocation.INGRESS,
        List.of(AddressPool.of("10.0.0.0/24")),
        State.FOREIGN,
        Origin.UNKNOWN));

    assertTrue(
        message.startsWith(
            "the ingress network (routing mesh for ports published in ingress mode) needs 401"
                + " addresses"),
        message);
    assertTrue(
        message.contains("Publish the ports in mode: host, or recreate the ingress network"),
        message);
  }

  @Test
  void networksThatFitAreNotReported() {
    Problems problems = new Problems();
    AddressSpace network =
        new AddressSpace("app_front", Allocation.OVERLAY, List.of(), State.NEW, POM);

    CapacityReport.report(
        AddressCount.count(List.of(network), AddressCountTest.services(10, "app_front"), 1),
        UserTerms.NEUTRAL,
        problems);

    assertEquals(List.of(), problems.all());
  }

  @Test
  void servicesOfOtherStacksAreNamedInTheBreakdown() {
    AddressSpace network = new AddressSpace(
        "shared",
        Allocation.OVERLAY,
        List.of(AddressPool.of("10.30.0.0/28")),
        State.FOREIGN,
        COMPOSE);
    List<ServiceLoad> loads = List.of(
        AddressCountTest.replicated("app_a", 5, "shared"),
        new ServiceLoad("other_b", java.util.Set.of("shared"), true, 8, true));

    String message = CapacityReport.message(
        AddressCount.count(List.of(network), loads, 1).get(0), UserTerms.NEUTRAL);

    assertTrue(message.contains(", of which 9 are taken by services outside this stack;"), message);
  }

  /** The message for 200 one-replica services on {@code network}, reported at its origin. */
  private static String message(AddressSpace network) {
    Problems problems = new Problems();
    CapacityReport.report(
        AddressCount.count(List.of(network), AddressCountTest.services(200, network.name()), 1),
        UserTerms.NEUTRAL,
        problems);
    assertEquals(1, problems.all().size());
    Problem problem = problems.all().get(0);
    assertEquals(network.origin(), problem.origin());
    return problem.message();
  }
}
