package dev.swarmstack.swarm.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.engine.EngineObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How an existing stack network differs from its declaration. The engine can't change a network in place and the
 * CLI ignores such changes silently (moby#37901); the plan says so instead. Only what the stack declares is compared:
 * the engine adds options (the overlay's VXLAN id), a gateway and a subnet of its own.
 */
final class NetworkDrift {

  private static final String DEFAULT_DRIVER = "overlay";

  private NetworkDrift() {}

  /** The declared settings the existing network does not have, by name ({@code driver}, {@code internal}, ...). */
  static List<String> of(ObjectNode declared, EngineObject existing) {
    JsonNode actual = existing.raw();
    List<String> drift = new ArrayList<>();
    if (!declared.path("Driver").asText(DEFAULT_DRIVER).equals(actual.path("Driver").asText())) {
      drift.add("driver");
    }
    for (String flag : List.of("Internal", "Attachable")) {
      if (declared.path(flag).asBoolean(false) != actual.path(flag).asBoolean(false)) {
        drift.add(flag.toLowerCase(java.util.Locale.ROOT));
      }
    }
    if (!containsAll(actual.path("Options"), declared.path("Options"))) {
      drift.add("driver_opts");
    }
    if (!containsAll(actual.path("Labels"), declared.path("Labels"))) {
      drift.add("labels");
    }
    List<String> declaredSubnets = subnets(declared);
    if (!declaredSubnets.isEmpty() && !declaredSubnets.equals(subnets(actual))) {
      drift.add("ipam");
    }
    return drift;
  }

  private static boolean containsAll(JsonNode actual, JsonNode declared) {
    for (Map.Entry<String, JsonNode> entry : declared.properties()) {
      if (!entry.getValue().asText().equals(actual.path(entry.getKey()).asText(null))) {
        return false;
      }
    }
    return true;
  }

  private static List<String> subnets(JsonNode network) {
    List<String> subnets = new ArrayList<>();
    network.path("IPAM").path("Config").forEach(pool -> subnets.add(pool.path("Subnet").asText()));
    return subnets;
  }
}
