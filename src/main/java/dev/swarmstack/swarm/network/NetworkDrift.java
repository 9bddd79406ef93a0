package dev.swarmstack.swarm.network;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * How an existing network differs from the request that would create it. The engine can't change a network in place
 * and {@code docker stack deploy} ignores such changes silently (moby#37901), so every difference is named instead.
 * What the engine chooses when the request leaves it open (a subnet, a gateway, the overlay's VXLAN id) is no drift.
 */
public final class NetworkDrift {

  /** A differing property ({@code driver}, {@code subnet}, ...) with both values, as the user would write them. */
  public record Difference(String property, String declared, String found) {

    @Override
    public String toString() {
      return property + " (declared " + declared + ", found " + found + ")";
    }
  }

  private static final String DEFAULT_DRIVER = "overlay";
  private static final String ENCRYPTED = "encrypted";

  /** Options the engine adds by itself. */
  private static final Set<String> ENGINE_OPTIONS =
      Set.of("com.docker.network.driver.overlay.vxlanid_list");

  private NetworkDrift() {}

  /**
   * @param declared an Engine API {@code NetworkCreateRequest}
   * @param actual the existing network, as {@code GET /networks/{id}} returns it
   */
  public static List<Difference> of(JsonNode declared, JsonNode actual) {
    List<Difference> drift = new ArrayList<>();
    compare(
        drift,
        "driver",
        declared.path("Driver").asText(DEFAULT_DRIVER),
        actual.path("Driver").asText());
    compare(drift, "options", options(declared), options(actual));
    compare(
        drift,
        ENCRYPTED,
        declared.path("Options").has(ENCRYPTED),
        actual.path("Options").has(ENCRYPTED));
    comparePools(
        drift, declared.path("IPAM").path("Config"), actual.path("IPAM").path("Config"));
    compare(drift, "labels", map(declared.path("Labels")), map(actual.path("Labels")));
    for (String flag : List.of("Attachable", "Internal", "EnableIPv6")) {
      compare(
          drift,
          flag.equals("EnableIPv6") ? "ipv6" : flag.toLowerCase(java.util.Locale.ROOT),
          declared.path(flag).asBoolean(false),
          actual.path(flag).asBoolean(false));
    }
    return drift;
  }

  /** The differences on one line: {@code internal (declared true, found false), subnet (...)}. */
  public static String describe(List<Difference> drift) {
    return String.join(", ", drift.stream().map(Difference::toString).toList());
  }

  /**
   * Subnets are compared when declared; gateway, IP range and auxiliary addresses per pool when declared, since the
   * engine picks them otherwise.
   */
  private static void comparePools(List<Difference> drift, JsonNode declared, JsonNode actual) {
    if (declared.isEmpty()) {
      return;
    }
    compare(drift, "subnet", values(declared, "Subnet"), values(actual, "Subnet"));
    for (String field : List.of("Gateway", "IPRange", "AuxiliaryAddresses")) {
      List<String> wanted = values(declared, field);
      List<String> found = values(actual, field);
      for (int i = 0; i < wanted.size(); i++) {
        String expected = wanted.get(i);
        String got = i < found.size() ? found.get(i) : "";
        if (!expected.isEmpty() && !expected.equals(got)) {
          drift.add(new Difference(propertyName(field), expected, got.isEmpty() ? "none" : got));
          break;
        }
      }
    }
  }

  private static String propertyName(String field) {
    return switch (field) {
      case "Gateway" -> "gateway";
      case "IPRange" -> "ip range";
      default -> "aux addresses";
    };
  }

  /** One entry per pool: the field's text, its map's text for auxiliary addresses, "" when not set. */
  private static List<String> values(JsonNode pools, String field) {
    List<String> values = new ArrayList<>();
    pools.forEach(pool -> {
      JsonNode value = pool.path(field);
      values.add(
          value.isObject() ? (value.isEmpty() ? "" : map(value).toString()) : value.asText(""));
    });
    return values;
  }

  private static void compare(
      List<Difference> drift, String property, Object declared, Object found) {
    if (!Objects.equals(declared, found)) {
      drift.add(new Difference(property, describe(declared), describe(found)));
    }
  }

  private static String describe(Object value) {
    if (value instanceof Map<?, ?> map && map.isEmpty()
        || value instanceof List<?> list && list.isEmpty()) {
      return "none";
    }
    return String.valueOf(value);
  }

  private static Map<String, String> options(JsonNode network) {
    Map<String, String> options = map(network.path("Options"));
    options.keySet().removeAll(ENGINE_OPTIONS);
    options.remove(ENCRYPTED);
    return options;
  }

  private static Map<String, String> map(JsonNode object) {
    Map<String, String> map = new TreeMap<>();
    object
        .properties()
        .forEach(entry -> map.put(entry.getKey(), entry.getValue().asText()));
    return map;
  }
}
