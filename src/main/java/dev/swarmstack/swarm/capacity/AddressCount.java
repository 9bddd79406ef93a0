package dev.swarmstack.swarm.capacity;

import dev.swarmstack.swarm.capacity.AddressSpace.Allocation;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts the addresses each network needs, the way swarmkit's allocator hands them out: a virtual IP per
 * service in {@code vip} endpoint mode on each of its networks, an address per task per network, and on overlay
 * networks one load-balancer endpoint per node that runs a task on it ({@code lb-<network>}; on {@code ingress},
 * every node has one). Node-local drivers (macvlan, ipvlan) are addressed by each node's engine: tasks only.
 * Pure arithmetic, so that validation (no engine) and deploy planning (live facts) count alike.
 */
public final class AddressCount {

  private AddressCount() {}

  /**
   * @param nodes the swarm's nodes that can run tasks (at least 1 when unknown)
   * @return one need per network, in the order of {@code networks}
   */
  public static List<NetworkNeed> count(
      List<AddressSpace> networks, List<ServiceLoad> services, long nodes) {
    List<NetworkNeed> needs = new ArrayList<>();
    for (AddressSpace network : networks) {
      needs.add(count(network, services, nodes));
    }
    return needs;
  }

  /** The networks that can't hold what their services need. */
  public static List<NetworkNeed> shortfalls(
      List<AddressSpace> networks, List<ServiceLoad> services, long nodes) {
    return count(networks, services, nodes).stream()
        .filter(need -> !need.fits())
        .toList();
  }

  private static NetworkNeed count(AddressSpace network, List<ServiceLoad> services, long nodes) {
    boolean nodeLocal = network.allocation() == Allocation.NODE_LOCAL;
    long virtualIps = 0;
    long tasks = 0;
    long otherStacks = 0;
    for (ServiceLoad service : services) {
      if (!service.networks().contains(network.name())) {
        continue;
      }
      long serviceVip = service.virtualIp() && !nodeLocal ? 1 : 0;
      virtualIps += serviceVip;
      tasks += service.tasks();
      if (service.otherStack()) {
        otherStacks += serviceVip + service.tasks();
      }
    }
    long loadBalancers =
        switch (network.allocation()) {
          case OVERLAY -> Math.min(nodes, tasks);
          case INGRESS -> nodes;
          case NODE_LOCAL -> 0;
        };
    // an endpoint takes an address of each family the network has, so the scarcer family is the
    // limit
    Pools limit = null;
    for (int bits : new int[] {32, 128}) {
      Pools family = Pools.of(network, bits);
      if (family.size > 0 && (limit == null || family.usable < limit.usable)) {
        limit = family;
      }
    }
    return new NetworkNeed(
        network,
        virtualIps,
        tasks,
        loadBalancers,
        otherStacks,
        nodes,
        limit.size,
        limit.usable,
        limit.bits);
  }

  private record Pools(int bits, long size, long usable) {

    static Pools of(AddressSpace network, int bits) {
      long size = 0;
      long usable = 0;
      for (AddressPool pool : network.effectivePools()) {
        if (pool.subnet().bits() == bits) {
          size = saturatedSum(size, AddressPool.saturated(pool.space().size()));
          usable = saturatedSum(usable, pool.usable());
        }
      }
      return new Pools(bits, size, usable);
    }
  }

  private static long saturatedSum(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }
}
