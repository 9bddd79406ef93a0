package dev.swarmstack.swarm.capacity;

import dev.swarmstack.swarm.problem.Origin;
import java.util.List;

/**
 * A network whose addresses services need, as the capacity count sees it.
 *
 * @param name the network's engine name, as services refer to it
 * @param allocation who hands out its addresses, and which endpoints take one
 * @param pools its IPAM pools; empty when none is declared and the swarm picks a subnet of its default size
 * @param state whether it exists already, which decides how a too small subnet can be fixed
 * @param origin where the network is declared (for the implicit {@code default} network: a service on it)
 */
public record AddressSpace(
    String name, Allocation allocation, List<AddressPool> pools, State state, Origin origin) {

  /** The prefix length of the subnet the swarm picks when none is declared ({@code docker swarm init} default). */
  public static final int DEFAULT_PREFIX = 24;

  private static final String DEFAULT_POOL = "10.0.0.0/" + DEFAULT_PREFIX;

  public AddressSpace {
    pools = List.copyOf(pools);
  }

  public enum Allocation {
    /** Swarm-wide IPAM: a virtual IP per service, an address per task, one load-balancer endpoint per node. */
    OVERLAY,
    /** The routing mesh: as overlay, but every node of the swarm has its load-balancer endpoint on it. */
    INGRESS,
    /** macvlan, ipvlan: each node's engine addresses its own tasks, with no virtual IPs or load balancers. */
    NODE_LOCAL
  }

  public enum State {
    /** Created by this deploy: its declaration can still change. */
    NEW,
    /** Created by an earlier deploy of the stack: the engine can't change its subnet. */
    STACK,
    /** Not the stack's (external, ingress): it can only be recreated by whoever owns it. */
    FOREIGN
  }

  /** The pools to count with: the declared ones, or one of the swarm's default size. */
  public List<AddressPool> effectivePools() {
    return pools.isEmpty() ? List.of(AddressPool.of(DEFAULT_POOL)) : pools;
  }

  public boolean hasDefaultSubnet() {
    return pools.isEmpty();
  }
}
