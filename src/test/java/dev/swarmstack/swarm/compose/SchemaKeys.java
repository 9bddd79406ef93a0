package dev.swarmstack.swarm.compose;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every key path a compose schema allows, in the table's pattern syntax ({@code /services/*}{@code /init}):
 * map keys and list items become {@code *}, {@code ^x-} patterns {@code x-*}, an open object {@code **}.
 */
final class SchemaKeys {

  private static final int MAX_DEPTH = 12;

  private SchemaKeys() {}

  static Set<String> of(int minor) {
    try {
      JsonNode schema = ComposeMapper.json()
          .readTree(ComposeSchemas.sharedDir()
              .resolve("compose-schema/config_schema_v3." + minor + ".json")
              .toFile());
      Set<String> paths = new TreeSet<>();
      walk(schema, schema, "", paths, 0);
      return paths;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void walk(
      JsonNode root, JsonNode node, String path, Set<String> paths, int depth) {
    JsonNode n = resolve(root, node);
    if (depth > MAX_DEPTH || !n.isObject()) {
      return;
    }
    for (String combinator : new String[] {"oneOf", "anyOf", "allOf"}) {
      n.path(combinator).forEach(alternative -> walk(root, alternative, path, paths, depth + 1));
    }
    for (Map.Entry<String, JsonNode> property : n.path("properties").properties()) {
      child(root, property.getValue(), path + "/" + property.getKey(), paths, depth);
    }
    for (Map.Entry<String, JsonNode> property : n.path("patternProperties").properties()) {
      child(
          root,
          property.getValue(),
          path + (property.getKey().startsWith("^x-") ? "/x-*" : "/*"),
          paths,
          depth);
    }
    JsonNode additional = n.path("additionalProperties");
    if (additional.isObject()) {
      child(root, additional, path + "/*", paths, depth);
    } else if (additional.asBoolean(false)) {
      paths.add(path + "/**");
    }
    if (n.has("items")) {
      child(root, n.get("items"), path + "/*", paths, depth);
    }
  }

  private static void child(
      JsonNode root, JsonNode node, String path, Set<String> paths, int depth) {
    paths.add(path);
    walk(root, node, path, paths, depth + 1);
  }

  private static JsonNode resolve(JsonNode root, JsonNode node) {
    JsonNode n = node;
    while (n.has("$ref")) {
      n = root.at(n.get("$ref").asText().substring(1));
    }
    return n;
  }
}
