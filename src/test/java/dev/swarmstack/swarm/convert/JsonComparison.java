package dev.swarmstack.swarm.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** JSON helpers of the conformance test: stable printing, zero-value stripping, digests. */
final class JsonComparison {

  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonComparison() {}

  static String pretty(JsonNode node) throws IOException {
    // member order means nothing in JSON: compare sorted
    return JSON.writerWithDefaultPrettyPrinter()
        .with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .writeValueAsString(JSON.treeToValue(node, Object.class));
  }

  static int countLeaves(JsonNode node) {
    if (!node.isContainerNode()) {
      return 1;
    }
    int count = 0;
    for (JsonNode child : node) {
      count += countLeaves(child);
    }
    return count;
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** The node without null, false, 0, "", [] and {} members, recursively; null when nothing is left. */
  static JsonNode withoutZeroValues(JsonNode node) {
    if (node.isObject()) {
      ObjectNode result = JSON.createObjectNode();
      node.properties().forEach(field -> {
        JsonNode value = withoutZeroValues(field.getValue());
        if (value != null) {
          result.set(field.getKey(), value);
        }
      });
      return result.isEmpty() ? null : result;
    }
    if (node.isArray()) {
      var result = JSON.createArrayNode();
      node.forEach(element -> {
        JsonNode value = withoutZeroValues(element);
        result.add(value == null ? JSON.nullNode() : value);
      });
      return result.isEmpty() ? null : result;
    }
    boolean zero = node.isNull()
        || (node.isBoolean() && !node.asBoolean())
        || (node.isNumber() && node.asDouble() == 0)
        || (node.isTextual() && node.asText().isEmpty());
    return zero ? null : node;
  }

  static String sha256(String text) {
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
