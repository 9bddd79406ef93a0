package dev.swarmstack.swarm.validate;

import static dev.swarmstack.swarm.validate.Stacks.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigFromDriverCheckTest {

  @Test
  void aMacvlanStackNetworkPointsToSharedNetworks() {
    List<String> errors = errors("""
        services: {web: {image: nginx, networks: {lan: null}}}
        networks: {lan: {driver: macvlan, driver_opts: {parent: eth1}}}
        """);

    assertEquals(1, errors.size(), errors.toString());
    assertEquals(
        "stack.yml#/networks/lan: network lan uses the macvlan driver: a stack would create it on one node"
            + " only, and the engine refuses services on such a network. Declare it under <sharedNetworks> instead and"
            + " create it with the networks command (a config-only network with the parent interface and subnet, plus a"
            + " swarm-scoped network made from it); services that name it then use it as an external network",
        errors.get(0));
  }

  @Test
  void anExternalIpvlanNetworkIsFine() {
    assertEquals(List.of(), errors("""
        services: {web: {image: nginx, networks: {lan: null}}}
        networks: {lan: {driver: ipvlan, external: true}}
        """));
  }
}
