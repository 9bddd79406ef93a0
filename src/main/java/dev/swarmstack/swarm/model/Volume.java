package dev.swarmstack.swarm.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.Map;
import java.util.SortedMap;

/** A top-level named volume. The CLI never creates volumes: the engine does, on first use by a task. */
public record Volume(
    String name,
    String driver,
    SortedMap<String, String> driverOpts,
    Boolean external,
    SortedMap<String, String> labels,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> extensions) {}
