package dev.swarmstack.swarm.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Our key table against docker/cli's v3.13 schema, so the two cannot drift apart unnoticed. */
class ComposeKeysTest {

  private static final JsonNode SCHEMA = read();

  private static JsonNode read() {
    try {
      return ComposeMapper.json()
          .readTree(Path.of(
                  System.getProperty("swarm.sharedDir", "../shared"),
                  "compose-schema/config_schema_v3.13.json")
              .toFile());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void everyObjectAllowsTheKeysOfTheSchema() {
    Map<String, String> schemaPaths = Map.ofEntries(
        Map.entry("root", "/properties"),
        Map.entry("service", "/definitions/service/properties"),
        Map.entry("build", "/definitions/service/properties/build/oneOf/1/properties"),
        Map.entry("fileRef", "/definitions/service/properties/secrets/items/oneOf/1/properties"),
        Map.entry("credentialSpec", "/definitions/service/properties/credential_spec/properties"),
        Map.entry("logging", "/definitions/service/properties/logging/properties"),
        Map.entry("port", "/definitions/service/properties/ports/items/oneOf/2/properties"),
        Map.entry(
            "serviceVolume", "/definitions/service/properties/volumes/items/oneOf/1/properties"),
        Map.entry(
            "ulimit",
            "/definitions/service/properties/ulimits/patternProperties/^[a-z]+$/oneOf/1/properties"),
        Map.entry(
            "serviceNetwork",
            "/definitions/service/properties/networks/oneOf/1/patternProperties/^[a-zA-Z0-9._-]+$/oneOf/0/properties"),
        Map.entry("deploy", "/definitions/deployment/properties"),
        Map.entry("updateConfig", "/definitions/deployment/properties/update_config/properties"),
        Map.entry("resources", "/definitions/deployment/properties/resources/properties"),
        Map.entry(
            "limits", "/definitions/deployment/properties/resources/properties/limits/properties"),
        Map.entry(
            "reservations",
            "/definitions/deployment/properties/resources/properties/reservations/properties"),
        Map.entry("restartPolicy", "/definitions/deployment/properties/restart_policy/properties"),
        Map.entry("placement", "/definitions/deployment/properties/placement/properties"),
        Map.entry("healthcheck", "/definitions/healthcheck/properties"),
        Map.entry("network", "/definitions/network/properties"),
        Map.entry("ipam", "/definitions/network/properties/ipam/properties"),
        Map.entry("volume", "/definitions/volume/properties"),
        Map.entry("secret", "/definitions/secret/properties"),
        Map.entry("config", "/definitions/config/properties"));

    schemaPaths.forEach((type, pointer) -> {
      TreeSet<String> expected = new TreeSet<>();
      SCHEMA.at(pointer).fieldNames().forEachRemaining(expected::add);
      assertEquals(expected, new TreeSet<>(ComposeKeys.of(type).keySet()), type + " at " + pointer);
    });
  }
}
