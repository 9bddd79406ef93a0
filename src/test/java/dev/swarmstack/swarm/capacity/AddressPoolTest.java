package dev.swarmstack.swarm.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What libnetwork's default IPAM keeps for itself in a pool. */
class AddressPoolTest {

  @Test
  void aSubnetLosesItsNetworkBroadcastAndGatewayAddresses() {
    assertEquals(253, AddressPool.of("10.0.0.0/24").usable());
    assertEquals(4093, AddressPool.of("10.0.0.0/20").usable());
  }

  @Test
  void aSlash29HoldsFiveEndpointsAsMeasuredOnTheEngine() {
    // engine 20.10.24: a service's VIP, 3 tasks and the node's lb- endpoint (.2 to .6) filled it
    assertEquals(5, AddressPool.of("10.201.77.0/29").usable());
  }

  @Test
  void tinySubnetsHoldNothing() {
    assertEquals(0, AddressPool.of("10.0.0.0/31").usable());
    assertEquals(0, AddressPool.of("10.0.0.1/32").usable());
    assertEquals(1, AddressPool.of("10.0.0.0/30").usable());
  }

  @Test
  void aRangeLimitsTheAddressesAndTheGatewayIsTakenFromIt() {
    Cidr subnet = Cidr.parse("10.0.0.0/24");
    // upper half: holds the broadcast address and the engine-chosen gateway
    assertEquals(
        126, new AddressPool(subnet, Cidr.parse("10.0.0.128/25"), null, List.of()).usable());
    // lower half: holds the network address and the gateway
    assertEquals(126, new AddressPool(subnet, Cidr.parse("10.0.0.0/25"), null, List.of()).usable());
    // a gateway declared outside the range takes nothing from it
    assertEquals(
        127, new AddressPool(subnet, Cidr.parse("10.0.0.128/25"), "10.0.0.1", List.of()).usable());
  }

  @Test
  void auxiliaryAddressesInTheRangeAreReserved() {
    Cidr subnet = Cidr.parse("10.0.0.0/24");
    AddressPool pool = new AddressPool(
        subnet, Cidr.parse("10.0.0.128/25"), "10.0.0.1", List.of("10.0.0.130", "10.0.0.2"));

    assertEquals(126, pool.usable());
    assertEquals(2, pool.reserved());
  }

  @Test
  void ipv6HasNoBroadcastAddress() {
    assertEquals(254, AddressPool.of("fd00::/120").usable());
    assertEquals(Long.MAX_VALUE, AddressPool.of("fd00::/64").usable());
  }
}
