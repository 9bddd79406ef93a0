package dev.swarmstack.swarm.network;

import dev.swarmstack.swarm.problem.Origin;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A network that lives outside any stack: created by {@code swarm:networks}, used by stacks as {@code external}. It
 * may have what compose file format 3 can't express (gateway, IP range, auxiliary addresses, IPv6) and any driver.
 *
 * @param name the network's name on the engine
 * @param driver {@code overlay}, {@code macvlan}, {@code ipvlan}, {@code bridge} or a plugin's driver
 * @param driverOpts driver options; {@code encrypted} for an encrypted overlay
 * @param ipamDriver the IPAM driver, {@code null} for the engine's default
 * @param origin the pom element that declares it, for messages
 */
public record SharedNetwork(
    String name,
    String driver,
    SortedMap<String, String> driverOpts,
    boolean attachable,
    boolean internal,
    boolean enableIpv6,
    SortedMap<String, String> labels,
    String ipamDriver,
    List<Pool> pools,
    Origin origin) {

  /** Drivers whose swarm networks take their settings from a node-local config-only network. */
  private static final Set<String> CONFIG_FROM_DRIVERS = Set.of("macvlan", "ipvlan");

  public SharedNetwork {
    driverOpts = sorted(driverOpts);
    labels = sorted(labels);
    pools = List.copyOf(pools);
  }

  /** One IPAM pool; the IP range and the gateway may be {@code null}. */
  public record Pool(
      String subnet, String ipRange, String gateway, SortedMap<String, String> auxAddresses) {

    public Pool {
      auxAddresses = sorted(auxAddresses);
    }
  }

  /**
   * True for macvlan and ipvlan: the swarm network is created from a config-only network that holds the parent
   * interface and the addresses, since those are specific to each node.
   */
  public boolean needsConfigNetwork() {
    return CONFIG_FROM_DRIVERS.contains(driver);
  }

  /** The config-only network's name; it exists only on the nodes where it was created. */
  public String configNetworkName() {
    return name + "-config";
  }

  /** Bridge networks connect containers on one host: they are local to the node, not part of the swarm. */
  public boolean isLocal() {
    return driver.equals("bridge");
  }

  private static SortedMap<String, String> sorted(Map<String, String> values) {
    return Collections.unmodifiableSortedMap(
        values == null ? new TreeMap<>() : new TreeMap<>(values));
  }
}
