package dev.swarmstack.swarm.capacity;

/**
 * How many addresses one network needs and has.
 *
 * @param virtualIps one per service on it, except {@code endpoint_mode: dnsrr}
 * @param tasks one per task that can run at once
 * @param loadBalancers one per node with a task on an overlay network, one per node on {@code ingress}
 * @param otherStacks how many of the above belong to services outside the stack
 * @param nodes the node count used for global services and load balancers
 * @param size every address of the network's pools (or ranges)
 * @param usable what is left once the engine reserved network, broadcast, gateway and auxiliary addresses
 * @param bits the address family that limits the network (32 or 128): a dual-stack endpoint takes one of each
 */
public record NetworkNeed(
    AddressSpace network,
    long virtualIps,
    long tasks,
    long loadBalancers,
    long otherStacks,
    long nodes,
    long size,
    long usable,
    int bits) {

  public long needed() {
    return virtualIps + tasks + loadBalancers;
  }

  public boolean fits() {
    return needed() <= usable;
  }

  /** What the engine keeps for itself. */
  public long reserved() {
    return size - usable;
  }

  /** The longest prefix whose single pool, with the engine's usual reservations, holds every needed address. */
  public int suggestedPrefix() {
    // network, gateway and (IPv4) broadcast
    long reservedPerPool = bits == 32 ? 3 : 2;
    for (int prefix = bits; prefix > 0; prefix--) {
      int hostBits = bits - prefix;
      if (hostBits >= 62 || (1L << hostBits) - reservedPerPool >= needed()) {
        return prefix;
      }
    }
    return 0;
  }
}
