package dev.swarmstack.swarm.maven.config;

import java.util.List;

/**
 * A network's {@code ipam}. {@code docker stack deploy} passes only the driver and the subnets to the engine
 * (compose file format 3 has no gateway or IP range).
 */
public class IpamConfig {

  /** IPAM driver, e.g. {@code default}. */
  String driver;

  /** One subnet in CIDR form, e.g. {@code 10.20.0.0/22}: shortcut for a single {@code <subnets>} entry. */
  String subnet;

  /** Subnets in CIDR form, one per {@code ipam.config} pool. */
  List<String> subnets;
}
