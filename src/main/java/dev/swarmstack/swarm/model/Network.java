package dev.swarmstack.swarm.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.List;
import java.util.Map;
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

  public record Ipam(String driver, List<IpamPool> config) {}

  public record IpamPool(String subnet) {}
}
