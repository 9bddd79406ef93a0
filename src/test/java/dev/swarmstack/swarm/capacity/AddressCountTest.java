package dev.swarmstack.swarm.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmstack.swarm.capacity.AddressSpace.Allocation;
import dev.swarmstack.swarm.capacity.AddressSpace.State;
import dev.swarmstack.swarm.problem.Origin;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class AddressCountTest {

  private static final AddressSpace DEFAULT_OVERLAY = overlay("app_default");

  @Test
  void twoHundredOneReplicaServicesDoNotFitTheDefaultSubnet() {
    NetworkNeed need = single(DEFAULT_OVERLAY, services(200, "app_default"), 1);

    assertEquals(200, need.virtualIps());
    assertEquals(200, need.tasks());
    assertEquals(1, need.loadBalancers());
    assertEquals(401, need.needed());
    assertEquals(253, need.usable());
    assertEquals(3, need.reserved());
    assertFalse(need.fits());
    assertEquals(23, need.suggestedPrefix());
  }

  @Test
  void aSlash20HoldsThem() {
    AddressSpace network = new AddressSpace(
        "app_default",
        Allocation.OVERLAY,
        List.of(AddressPool.of("10.77.0.0/20")),
        State.NEW,
        Origin.UNKNOWN);

    NetworkNeed need = single(network, services(200, "app_default"), 1);

    assertTrue(need.fits());
    assertEquals(4093, need.usable());
  }

  @Test
  void theLimitIsExact() {
    // 1 VIP + 251 tasks + 1 load balancer = 253 usable addresses of a /24
    assertTrue(single(DEFAULT_OVERLAY, List.of(replicated("app_web", 251, "app_default")), 1)
        .fits());
    assertFalse(single(DEFAULT_OVERLAY, List.of(replicated("app_web", 252, "app_default")), 1)
        .fits());
  }

  @Test
  void dnsrrServicesTakeNoVirtualIp() {
    ServiceLoad dnsrr = new ServiceLoad("app_db", Set.of("app_default"), false, 3, false);

    NetworkNeed need = single(DEFAULT_OVERLAY, List.of(dnsrr), 1);

    assertEquals(0, need.virtualIps());
    assertEquals(4, need.needed());
  }

  @Test
  void onlyServicesOnTheNetworkCount() {
    List<ServiceLoad> loads =
        List.of(replicated("app_a", 2, "app_default"), replicated("app_b", 5, "app_other"));

    assertEquals(2 + 1 + 1, single(DEFAULT_OVERLAY, loads, 1).needed());
  }

  @Test
  void eachNodeWithTasksHasALoadBalancerEndpoint() {
    assertEquals(
        2,
        single(DEFAULT_OVERLAY, List.of(replicated("app_a", 2, "app_default")), 5)
            .loadBalancers());
    assertEquals(
        5,
        single(DEFAULT_OVERLAY, List.of(replicated("app_a", 9, "app_default")), 5)
            .loadBalancers());
    assertEquals(
        0,
        single(DEFAULT_OVERLAY, List.of(replicated("app_a", 0, "app_default")), 5)
            .loadBalancers());
  }

  @Test
  void everyNodeHasALoadBalancerEndpointOnIngress() {
    AddressSpace ingress = new AddressSpace(
        "ingress",
        Allocation.INGRESS,
        List.of(AddressPool.of("10.0.0.0/24")),
        State.FOREIGN,
        Origin.UNKNOWN);

    NetworkNeed need = single(ingress, List.of(replicated("app_web", 1, "ingress")), 7);

    assertEquals(1 + 1 + 7, need.needed());
  }

  @Test
  void nodeLocalNetworksAddressTasksOnly() {
    AddressSpace macvlan = new AddressSpace(
        "app_lan",
        Allocation.NODE_LOCAL,
        List.of(AddressPool.of("192.168.77.0/28")),
        State.NEW,
        Origin.UNKNOWN);

    NetworkNeed need = single(macvlan, List.of(replicated("app_a", 13, "app_lan")), 3);

    assertEquals(13, need.needed());
    assertTrue(need.fits());
    assertFalse(single(macvlan, List.of(replicated("app_a", 14, "app_lan")), 3).fits());
  }

  @Test
  void servicesOfOtherStacksCountAndAreToldApart() {
    List<ServiceLoad> loads = List.of(
        replicated("app_a", 2, "shared"),
        new ServiceLoad("other_b", Set.of("shared"), true, 4, true));

    NetworkNeed need = single(overlay("shared"), loads, 1);

    assertEquals(2 + 1 + 4 + 1 + 1, need.needed());
    assertEquals(5, need.otherStacks());
  }

  @Test
  void poolsOfOneFamilyAddUp() {
    AddressSpace twoPools = new AddressSpace(
        "app_n",
        Allocation.OVERLAY,
        List.of(AddressPool.of("10.1.0.0/24"), AddressPool.of("10.2.0.0/24")),
        State.NEW,
        Origin.UNKNOWN);

    NetworkNeed need = single(twoPools, List.of(), 1);

    assertEquals(506, need.usable());
    assertEquals(512, need.size());
  }

  @Test
  void aDualStackNetworkIsLimitedByItsScarcerFamily() {
    AddressSpace dualStack = new AddressSpace(
        "app_n",
        Allocation.OVERLAY,
        List.of(AddressPool.of("10.1.0.0/16"), AddressPool.of("fd00::/120")),
        State.NEW,
        Origin.UNKNOWN);

    NetworkNeed need = single(dualStack, List.of(replicated("app_a", 300, "app_n")), 1);

    assertEquals(254, need.usable());
    assertEquals(128, need.bits());
    assertEquals(119, need.suggestedPrefix());
  }

  @Test
  void suggestedPrefixesLeaveRoomForTheReservedAddresses() {
    assertEquals(
        24,
        single(DEFAULT_OVERLAY, List.of(replicated("app_a", 250, "app_default")), 1)
            .suggestedPrefix());
    assertEquals(
        23,
        single(DEFAULT_OVERLAY, List.of(replicated("app_a", 252, "app_default")), 1)
            .suggestedPrefix());
    assertEquals(20, single(DEFAULT_OVERLAY, services(2000, "app_default"), 1).suggestedPrefix());
  }

  @Test
  void shortfallsListOnlyNetworksThatDoNotFit() {
    AddressSpace big = new AddressSpace(
        "app_big",
        Allocation.OVERLAY,
        List.of(AddressPool.of("10.9.0.0/16")),
        State.NEW,
        Origin.UNKNOWN);
    List<ServiceLoad> loads = new ArrayList<>(services(300, "app_default"));
    loads.add(replicated("app_x", 300, "app_big"));

    List<NetworkNeed> shortfalls = AddressCount.shortfalls(List.of(DEFAULT_OVERLAY, big), loads, 1);

    assertEquals(
        List.of("app_default"),
        shortfalls.stream().map(need -> need.network().name()).toList());
  }

  static AddressSpace overlay(String name) {
    return new AddressSpace(name, Allocation.OVERLAY, List.of(), State.NEW, Origin.UNKNOWN);
  }

  static ServiceLoad replicated(String name, long replicas, String... networks) {
    return new ServiceLoad(name, Set.of(networks), true, replicas, false);
  }

  static List<ServiceLoad> services(int count, String network) {
    return Stream.iterate(0, i -> i + 1)
        .limit(count)
        .map(i -> replicated("app_s" + i, 1, network))
        .toList();
  }

  private static NetworkNeed single(AddressSpace network, List<ServiceLoad> loads, long nodes) {
    return AddressCount.count(List.of(network), loads, nodes).get(0);
  }
}
