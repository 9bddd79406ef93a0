package dev.swarmstack.swarm.capacity;

import java.math.BigInteger;
import java.util.List;

/**
 * One IPAM pool of a network ({@code ipam.config[]}), and how many endpoints it can address. libnetwork's default
 * IPAM never hands out a subnet's first address, nor an IPv4 subnet's last (broadcast); the gateway and any
 * auxiliary addresses are reserved from the range that endpoints are allocated from.
 *
 * @param subnet the pool
 * @param ipRange where endpoint addresses come from, inside {@code subnet}; null for the whole subnet
 * @param gateway the declared gateway; null when the engine picks one, which it takes from the range
 * @param auxiliaryAddresses addresses the IPAM must not hand out
 */
public record AddressPool(
    Cidr subnet, Cidr ipRange, String gateway, List<String> auxiliaryAddresses) {

  public AddressPool {
    auxiliaryAddresses = List.copyOf(auxiliaryAddresses);
  }

  /** A pool of a whole subnet, engine-chosen gateway, nothing else reserved. */
  public static AddressPool of(String subnet) {
    return new AddressPool(Cidr.parse(subnet), null, null, List.of());
  }

  /** Addresses left for endpoints (virtual IPs, tasks, load balancers); saturates at {@link Long#MAX_VALUE}. */
  public long usable() {
    return saturated(space().size().subtract(BigInteger.valueOf(reserved())));
  }

  /** How many addresses of the range the engine keeps for itself: network, broadcast, gateway, auxiliary. */
  public long reserved() {
    Cidr space = space();
    long reserved = 0;
    if (space.contains(subnet.network())) {
      reserved++;
    }
    if (subnet.isIpv4() && space.contains(subnet.last())) {
      reserved++;
    }
    if (gateway == null || space.contains(Cidr.address(gateway))) {
      reserved++;
    }
    reserved += auxiliaryAddresses.stream()
        .filter(aux -> space.contains(Cidr.address(aux)))
        .count();
    return Math.min(reserved, saturated(space.size()));
  }

  /** The addresses endpoints are taken from. */
  public Cidr space() {
    return ipRange == null ? subnet : ipRange;
  }

  static long saturated(BigInteger value) {
    return value.bitLength() < Long.SIZE ? value.longValue() : Long.MAX_VALUE;
  }
}
