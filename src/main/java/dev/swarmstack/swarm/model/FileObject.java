package dev.swarmstack.swarm.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.Map;
import java.util.SortedMap;

/**
 * A top-level secret or config. {@code file} is an absolute path once loaded (relative paths resolve
 * against the first compose file's directory, or the project's base directory for the pom).
 */
public record FileObject(
    String name,
    String file,
    Boolean external,
    SortedMap<String, String> labels,
    String driver,
    SortedMap<String, String> driverOpts,
    String templateDriver,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> extensions) {}
