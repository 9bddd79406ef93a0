package dev.swarmstack.swarm.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** TEMPORARY stub of the agreed converter API, replaced by the convert branch on merge. */
public final class ServiceSpecs {

  private ServiceSpecs() {}

  public static ObjectNode withObjectIds(ObjectNode spec, Map<String, String> secretIdsByName, Map<String, String> configIdsByName) {
    ObjectNode copy = spec.deepCopy();
    JsonNode container = copy.path("TaskTemplate").path("ContainerSpec");
    for (JsonNode ref : container.path("Secrets")) {
      ((ObjectNode) ref).put("SecretID", secretIdsByName.get(ref.path("SecretName").asText()));
    }
    for (JsonNode ref : container.path("Configs")) {
      ((ObjectNode) ref).put("ConfigID", configIdsByName.get(ref.path("ConfigName").asText()));
    }
    return copy;
  }
}
