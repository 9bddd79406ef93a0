package dev.swarmstack.swarm.maven.config;

import java.util.Map;

/** A top-level network, as under compose's {@code networks:}. */
public class NetworkConfig {

  /** The network's key in the stack, which services refer to. Required. */
  String name;

  /** Compose {@code name}: the network's name on the engine, instead of {@code <stack>_<name>}. */
  String engineName;

  /** Network driver; the engine's default for a stack is {@code overlay}. */
  String driver;

  /** Driver options ({@code driver_opts}), e.g. {@code <com.docker.network.driver.mtu>1400</com.docker.network.driver.mtu>}. */
  Map<String, String> driverOpts;

  /** Shortcut for the overlay driver option {@code encrypted}: encrypts traffic between nodes (IPsec). */
  Boolean encrypted;

  /** Standalone containers may attach to the network too. */
  Boolean attachable;

  /** No route to the outside world. */
  Boolean internal;

  /** The network exists already and is not managed by the stack. */
  Boolean external;

  /** IP address management: driver and subnets. */
  IpamConfig ipam;

  /** Labels on the network. */
  Map<String, String> labels;
}
