package dev.swarmstack.swarm.network;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Engine API {@code NetworkCreateRequest}s for a shared network, in the order they must be created. Sent as raw
 * JSON: docker-java's request has no {@code ConfigOnly}, {@code ConfigFrom}, {@code Scope} or auxiliary addresses.
 */
public final class SharedNetworkRequests {

  /** Marks the networks {@code swarm:networks} manages, so that {@code swarm:networks-rm} removes nothing else. */
  public static final String MANAGED_LABEL = "dev.swarmstack.shared-network";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private SharedNetworkRequests() {}

  /**
   * One request, or for macvlan and ipvlan two: the config-only network with the node-specific settings (parent,
   * mode, addresses, labels), then the swarm-scoped network made from it. The engine refuses labels, IPAM and options
   * on the latter and scope, internal and attachable on the former, so each setting goes to the one that takes it.
   */
  public static List<ObjectNode> of(SharedNetwork network) {
    if (!network.needsConfigNetwork()) {
      ObjectNode request = base(network.name(), network.driver());
      settings(network, request);
      flags(network, request);
      return List.of(request);
    }
    ObjectNode configOnly = base(network.configNetworkName(), "null");
    configOnly.put("ConfigOnly", true);
    settings(network, configOnly);
    ObjectNode swarm = base(network.name(), network.driver());
    swarm.put("Scope", "swarm");
    swarm.putObject("ConfigFrom").put("Network", network.configNetworkName());
    flags(network, swarm);
    return List.of(configOnly, swarm);
  }

  private static ObjectNode base(String name, String driver) {
    ObjectNode request = NODES.objectNode();
    request.put("Name", name);
    request.put("Driver", driver);
    request.put("CheckDuplicate", true);
    return request;
  }

  /** What a network is made of: options, addresses, labels. */
  private static void settings(SharedNetwork network, ObjectNode request) {
    putMap(request, "Options", network.driverOpts());
    if (network.enableIpv6()) {
      request.put("EnableIPv6", true);
    }
    if (network.ipamDriver() != null || !network.pools().isEmpty()) {
      ObjectNode ipam = request.putObject("IPAM");
      if (network.ipamDriver() != null) {
        ipam.put("Driver", network.ipamDriver());
      }
      network.pools().forEach(pool -> pool(pool, ipam.withArray("Config").addObject()));
    }
    Map<String, String> labels = new TreeMap<>(network.labels());
    labels.put(MANAGED_LABEL, "true");
    putMap(request, "Labels", labels);
  }

  /** Who may join the network and whether it reaches the outside world. */
  private static void flags(SharedNetwork network, ObjectNode request) {
    if (network.attachable()) {
      request.put("Attachable", true);
    }
    if (network.internal()) {
      request.put("Internal", true);
    }
  }

  private static void pool(SharedNetwork.Pool pool, ObjectNode config) {
    config.put("Subnet", pool.subnet());
    if (pool.ipRange() != null) {
      config.put("IPRange", pool.ipRange());
    }
    if (pool.gateway() != null) {
      config.put("Gateway", pool.gateway());
    }
    putMap(config, "AuxiliaryAddresses", pool.auxAddresses());
  }

  private static void putMap(ObjectNode node, String field, Map<String, String> values) {
    if (!values.isEmpty()) {
      ObjectNode map = node.putObject(field);
      values.forEach(map::put);
    }
  }
}
