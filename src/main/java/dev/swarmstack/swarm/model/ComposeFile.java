package dev.swarmstack.swarm.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;
import java.util.SortedMap;

/** A whole stack: the merged compose files plus the pom's definitions. Maps are sorted by key. */
@JsonPropertyOrder({"version", "services", "networks", "volumes", "secrets", "configs"})
// extensions (here and in Service, Network, Volume, FileObject) is a Map, not a SortedMap: Jackson
// 2.20 binds
// a record's @JsonAnySetter parameter only when it is declared Map; the loader feeds x-* keys in
// sorted order
public record ComposeFile(
    String version,
    SortedMap<String, Service> services,
    SortedMap<String, Network> networks,
    SortedMap<String, Volume> volumes,
    SortedMap<String, FileObject> secrets,
    SortedMap<String, FileObject> configs,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> extensions) {

  public Map<String, Service> servicesOrEmpty() {
    return services == null ? Map.of() : services;
  }

  public Map<String, Network> networksOrEmpty() {
    return networks == null ? Map.of() : networks;
  }

  public Map<String, Volume> volumesOrEmpty() {
    return volumes == null ? Map.of() : volumes;
  }

  public Map<String, FileObject> secretsOrEmpty() {
    return secrets == null ? Map.of() : secrets;
  }

  public Map<String, FileObject> configsOrEmpty() {
    return configs == null ? Map.of() : configs;
  }
}
