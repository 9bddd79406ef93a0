package dev.swarmstack.swarm.maven.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A top-level network, as under compose's {@code networks:}, or a shared network under {@code <sharedNetworks>}. A
 * few settings ({@link #enableIpv6}, the IPAM gateway, IP range and auxiliary addresses, the macvlan, ipvlan and
 * bridge drivers) are for shared networks only: compose file format 3 has no key for them.
 */
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

  /** Shared networks only: IPv6 addressing too (give an IPv6 subnet in {@code <ipam><subnets>}). */
  Boolean enableIpv6;

  /** Labels on the network. */
  Map<String, String> labels;

  /** The settings given that only a shared network can have, as pom elements. */
  List<String> sharedOnlySettings() {
    List<String> settings = new ArrayList<>();
    if (enableIpv6 != null) {
      settings.add("<enableIpv6>");
    }
    if (ipam != null) {
      if (ipam.gateway != null) {
        settings.add("<ipam><gateway>");
      }
      if (ipam.ipRange != null) {
        settings.add("<ipam><ipRange>");
      }
      if (ipam.auxAddresses != null) {
        settings.add("<ipam><auxAddresses>");
      }
    }
    return settings;
  }
}
