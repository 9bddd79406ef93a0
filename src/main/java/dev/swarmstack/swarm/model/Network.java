package dev.swarmstack.swarm.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/** A top-level network. {@code external} is true for a network the stack uses but does not own. */
public record Network(
    String name,
    String driver,
    SortedMap<String, String> driverOpts,
    Ipam ipam,
    Boolean external,
    Boolean internal,
    Boolean attachable,
    SortedMap<String, String> labels,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> extensions) {

  /** The networks every node has, which a service can name without the stack declaring them. */
  public static final Set<String> PREDEFINED = Set.of("host", "none", "bridge");

  /**
   * Whether {@code name} is one the CLI neither creates nor checks: a predefined network, compose's {@code default}
   * before conversion, or {@code container:<id>}.
   */
  public static boolean isBuiltIn(String name) {
    return PREDEFINED.contains(name) || name.equals("default") || name.startsWith("container:");
  }

  public record Ipam(String driver, List<IpamPool> config) {}

  public record IpamPool(String subnet) {}
}
