package dev.swarmstack.swarm.validate;

import static dev.swarmstack.swarm.validate.Stacks.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The address count as swarm:validate and swarm:generate run it: one node, the swarm's default /24. */
class CapacityCheckTest {

  @Test
  void twoHundredServicesOnTheDefaultNetworkAreReportedAtTheFirstOfThem() {
    List<String> errors = errors(services(200, ""));

    assertEquals(1, errors.size(), errors.toString());
    assertTrue(
        errors
            .get(0)
            .startsWith(
                "stack.yml#/services/s000: network shop_default needs 401 addresses but has 253:"),
        errors.get(0));
    assertTrue(
        errors
            .get(0)
            .contains("Use a /23 or larger subnet: ipam: {config: [{subnet: 10.10.0.0/23}]}"),
        errors.get(0));
  }

  @Test
  void aDeclaredNetworkIsReportedAtItsDeclaration() {
    List<String> errors =
        errors(services(200, ", networks: {front: null}") + "networks: {front: {}}\n");

    assertEquals(1, errors.size(), errors.toString());
    assertTrue(
        errors
            .get(0)
            .startsWith("stack.yml#/networks/front: network shop_front needs 401 addresses"),
        errors.get(0));
  }

  @Test
  void aSlash20Suffices() {
    assertEquals(
        List.of(),
        errors(services(200, ", networks: {front: null}")
            + "networks: {front: {ipam: {config: [{subnet: 10.77.0.0/20}]}}}\n"));
  }

  @Test
  void replicasGlobalJobsAndDnsrrAreCounted() {
    String stack = """
        services:
          web: {image: a, networks: {n: null}, deploy: {replicas: 4}}
          agent: {image: a, networks: {n: null}, deploy: {mode: global}}
          job: {image: a, networks: {n: null}, deploy: {mode: replicated-job, replicas: 3}}
          db: {image: a, networks: {n: null}, deploy: {endpoint_mode: dnsrr, replicas: 2}}
        networks: {n: {ipam: {config: [{subnet: 10.1.0.0/28}]}}}
        """;
    // 3 VIPs + 4 + 1 + 3 + 2 tasks + 1 load balancer = 14 > 13 usable
    List<String> errors = errors(stack);

    assertEquals(1, errors.size(), errors.toString());
    assertTrue(
        errors.get(0).contains("needs 14 addresses but has 13: 3 virtual IPs"), errors.get(0));
    assertEquals(List.of(), errors(stack.replace("replicas: 4", "replicas: 3")));
  }

  @Test
  void externalNetworksAreLeftToTheDeploy() {
    assertEquals(
        List.of(),
        errors(services(300, ", networks: {shared: null}")
            + "networks: {shared: {external: true}}\n"));
  }

  @Test
  void aMalformedSubnetIsNotCounted() {
    assertEquals(
        List.of(),
        errors("services: {web: {image: a, networks: {n: null}}}\n"
            + "networks: {n: {ipam: {config: [{subnet: not-a-subnet}]}}}\n"));
  }

  private static String services(int count, String networks) {
    return "services:\n"
        + IntStream.range(0, count)
            .mapToObj(i -> String.format("  s%03d: {image: a%s}%n", i, networks))
            .collect(Collectors.joining());
  }
}
