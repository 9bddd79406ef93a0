package dev.swarmstack.swarm.maven.config;

import dev.swarmstack.swarm.definition.StackDefinition.SharedNetworkName;
import dev.swarmstack.swarm.network.SharedNetwork;
import dev.swarmstack.swarm.problem.Origin;
import dev.swarmstack.swarm.problem.Problems;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the pom's {@code <sharedNetworks>} into {@link SharedNetwork}s. They use the vocabulary of a stack's
 * {@code <network>}; the pom interpolates them, so unlike stack networks they don't go through the compose loader.
 */
public final class SharedNetworkMapper {

  private static final String SECTION = "<sharedNetworks>";
  private static final String DEFAULT_DRIVER = "overlay";

  /** Entries with errors are added to {@code problems} and left out, so that every error is found at once. */
  public List<SharedNetwork> map(List<NetworkConfig> networks, Problems problems) {
    List<SharedNetwork> mapped = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    List<NetworkConfig> entries = networks == null ? List.of() : networks;
    for (int i = 0; i < entries.size(); i++) {
      NetworkConfig network = entries.get(i);
      if (network.name == null || network.name.isBlank()) {
        problems.error(
            Origin.pom(SECTION + "<network>[" + (i + 1) + "]"),
            "<network> has no <name>: add <name>, the"
                + " network's name on the engine and the name services refer to it by");
        continue;
      }
      String element = SECTION + "<network>" + network.name + "</network>";
      Integer first = seen.putIfAbsent(network.name, i + 1);
      if (first != null) {
        problems.error(
            Origin.pom(element),
            "<network> '" + network.name + "' is also defined as <network>[" + first
                + "]: give each a different <name>, or merge them");
        continue;
      }
      int errors = problems.all().size();
      check(network, element, problems);
      if (problems.all().size() == errors) {
        mapped.add(toShared(network, element));
      }
    }
    return mapped;
  }

  /**
   * The shared networks by the name services use, with their names on the engine: services may name a shared network
   * without declaring it under {@code <networks>} as well. The first of two with one name counts.
   */
  public static Map<String, SharedNetworkName> byName(List<NetworkConfig> networks) {
    Map<String, SharedNetworkName> byName = new HashMap<>();
    for (NetworkConfig network : networks == null ? List.<NetworkConfig>of() : networks) {
      if (network.name != null) {
        byName.putIfAbsent(
            network.name,
            new SharedNetworkName(
                network.engineName == null ? network.name : network.engineName,
                Origin.pom(SECTION + "<network>" + network.name + "</network>")));
      }
    }
    return byName;
  }

  private static void check(NetworkConfig network, String element, Problems problems) {
    if (network.external != null) {
      problems.error(
          Origin.pom(element + "<external>"),
          "a shared network is created by swarm:networks, so it can't"
              + " be external: remove <external>, or leave the network out of <sharedNetworks> if something else creates"
              + " it");
    }
    if (Boolean.TRUE.equals(network.encrypted) && !driver(network).equals(DEFAULT_DRIVER)) {
      problems.error(
          Origin.pom(element + "<encrypted>"),
          "only the overlay driver encrypts traffic, not " + driver(network)
              + ": remove <encrypted>, or use <driver>overlay</driver>");
    }
    IpamConfig ipam = network.ipam;
    if (ipam != null
        && ipam.subnet == null
        && (ipam.gateway != null || ipam.ipRange != null || ipam.auxAddresses != null)) {
      problems.error(
          Origin.pom(element + "<ipam>"),
          "<gateway>, <ipRange> and <auxAddresses> belong to <subnet>,"
              + " which is missing: add <subnet> (e.g. <subnet>10.20.0.0/24</subnet>)");
    }
  }

  private static SharedNetwork toShared(NetworkConfig network, String element) {
    Map<String, String> options =
        new TreeMap<>(network.driverOpts == null ? Map.of() : network.driverOpts);
    if (Boolean.TRUE.equals(network.encrypted)) {
      // the overlay driver encrypts when the option is present, whatever its value; the CLI sends
      // ""
      options.put("encrypted", "");
    }
    IpamConfig ipam = network.ipam;
    List<SharedNetwork.Pool> pools = new ArrayList<>();
    if (ipam != null && ipam.subnet != null) {
      pools.add(new SharedNetwork.Pool(
          ipam.subnet,
          ipam.ipRange,
          ipam.gateway,
          ipam.auxAddresses == null ? null : new TreeMap<>(ipam.auxAddresses)));
    }
    if (ipam != null && ipam.subnets != null) {
      ipam.subnets.forEach(subnet -> pools.add(new SharedNetwork.Pool(subnet, null, null, null)));
    }
    return new SharedNetwork(
        network.engineName == null ? network.name : network.engineName,
        driver(network),
        new TreeMap<>(options),
        Boolean.TRUE.equals(network.attachable),
        Boolean.TRUE.equals(network.internal),
        Boolean.TRUE.equals(network.enableIpv6),
        network.labels == null ? null : new TreeMap<>(network.labels),
        ipam == null ? null : ipam.driver,
        pools,
        Origin.pom(element));
  }

  private static String driver(NetworkConfig network) {
    return network.driver == null || network.driver.isBlank() ? DEFAULT_DRIVER : network.driver;
  }
}
