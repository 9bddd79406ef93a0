package dev.swarmstack.swarm.differential;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a stack file holds on the engine beyond its own stack-named objects, read from {@code docker stack config}:
 * published ports, fixed names and subnets (which two deployments can't hold at once), and the external networks,
 * secrets and configs a user creates before deploying it.
 *
 * @param exclusive names only one deployment at a time may use ({@code port:80/tcp}, {@code network:proxy}, ...)
 * @param fixed whether the stack holds any of them itself, so that its CLI and plugin copies can't coexist
 * @param externals the external objects by name, to their kind ({@code network}, {@code secret}, {@code config})
 */
record CaseResources(Set<String> exclusive, boolean fixed, Map<String, String> externals) {

  /** Networks every engine has; an external declaration of them needs nothing created. */
  private static final Set<String> PREDEFINED_NETWORKS =
      Set.of("host", "bridge", "none", "ingress", "default");

  static CaseResources of(JsonNode config) {
    Set<String> exclusive = new TreeSet<>();
    Map<String, String> externals = new TreeMap<>();
    for (JsonNode service : config.path("services")) {
      for (JsonNode port : service.path("ports")) {
        if (!port.path("published").asText("").isEmpty()) {
          exclusive.add("port:" + port.path("published").asText() + "/"
              + port.path("protocol").asText("tcp"));
        }
      }
    }
    config.path("networks").properties().forEach(entry -> {
      JsonNode network = entry.getValue();
      String name = network.path("name").asText(entry.getKey());
      if (network.path("external").asBoolean(false)) {
        if (!PREDEFINED_NETWORKS.contains(name)) {
          externals.put(name, "network");
        }
      } else if (network.hasNonNull("name")) {
        exclusive.add("network:" + name);
      }
      network.path("ipam").path("config").forEach(pool -> {
        if (pool.hasNonNull("subnet")) {
          exclusive.add("subnet:" + pool.path("subnet").asText());
        }
      });
    });
    for (String kind : new String[] {"secret", "config"}) {
      config.path(kind + "s").properties().forEach(entry -> {
        String name = entry.getValue().path("name").asText(entry.getKey());
        if (entry.getValue().path("external").asBoolean(false)) {
          externals.put(name, kind);
        } else if (entry.getValue().hasNonNull("name")) {
          exclusive.add(kind + ":" + name);
        }
      });
    }
    boolean fixed = !exclusive.isEmpty();
    externals.forEach((name, kind) -> exclusive.add(kind + ":" + name));
    return new CaseResources(exclusive, fixed, externals);
  }
}
