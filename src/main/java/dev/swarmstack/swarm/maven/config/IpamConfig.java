package dev.swarmstack.swarm.maven.config;

import java.util.List;
import java.util.Map;

/**
 * A network's {@code ipam}. {@code docker stack deploy} passes only the driver and the subnets to the engine
 * (compose file format 3 has no gateway or IP range): the other settings are for shared networks only.
 */
public class IpamConfig {

  /** IPAM driver, e.g. {@code default}. */
  String driver;

  /** One subnet in CIDR form, e.g. {@code 10.20.0.0/22}: shortcut for a single {@code <subnets>} entry. */
  String subnet;

  /** Subnets in CIDR form, one per {@code ipam.config} pool. */
  List<String> subnets;

  /** Shared networks only: the gateway of {@code <subnet>}, e.g. {@code 10.20.0.1}. */
  String gateway;

  /** Shared networks only: the part of {@code <subnet>} tasks get addresses from, e.g. {@code 10.20.1.0/24}. */
  String ipRange;

  /** Shared networks only: addresses in {@code <subnet>} the engine must not hand out, by host name. */
  Map<String, String> auxAddresses;
}
