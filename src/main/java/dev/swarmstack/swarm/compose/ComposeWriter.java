package dev.swarmstack.swarm.compose;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.swarmstack.swarm.model.ComposeFile;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a stack file that {@code docker stack deploy} accepts: byte-identical output for the same model.
 *
 * <p>Keys come in model order (which is the order {@code docker stack config} prints), maps sorted by key,
 * lists indented under their key, {@code \n} line endings. Secrets and configs are written as the
 * {@code file:} references the model holds: the model never carries their content. The file stands alone: paths
 * are absolute and {@code env_file} is left out, its entries being in {@code environment} already.
 */
public final class ComposeWriter {

  private ComposeWriter() {}

  /** The YAML text, {@code version} set to the lowest 3.x schema that covers the keys used. */
  public static String write(ComposeFile compose) {
    ObjectNode body = ComposeMapper.json().valueToTree(compose);
    body.remove("version");
    // the loader merged every env_file into environment; a path kept here would be read again,
    // relative to
    // wherever the written file lies, and fail there
    body.path("services").forEach(service -> ((ObjectNode) service).remove("env_file"));
    sortExtensions(body);
    escapeDollars(body);
    ObjectNode document = ComposeMapper.json().createObjectNode();
    document.put("version", ComposeVersions.lowestCovering(body));
    document.setAll(body);
    try {
      return ComposeMapper.yaml().writeValueAsString(document);
    } catch (JsonProcessingException e) {
      // a tree built from the model always serialises; failing here is a bug, not bad input
      throw new UncheckedIOException("could not write the stack file", e);
    }
  }

  /**
   * Extension values ({@code x-...}) are free-form and may hold maps in insertion order: sorting them keeps
   * the output the same however the input was assembled.
   */
  private static void sortExtensions(JsonNode node) {
    if (node.isArray()) {
      node.forEach(ComposeWriter::sortExtensions);
    } else if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      object.properties().forEach(field -> {
        if (field.getKey().startsWith("x-")) {
          sortDeep(field.getValue());
        } else {
          sortExtensions(field.getValue());
        }
      });
    }
  }

  /**
   * {@code docker stack deploy} interpolates the file it reads, so a literal {@code $} (the loader already
   * resolved {@code $$} to it) must be written back as {@code $$} to survive the second reading.
   */
  private static void escapeDollars(JsonNode node) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      for (Map.Entry<String, JsonNode> field : new ArrayList<>(object.properties())) {
        if (field.getValue().isTextual()) {
          object.put(field.getKey(), field.getValue().textValue().replace("$", "$$"));
        } else {
          escapeDollars(field.getValue());
        }
      }
    } else if (node.isArray()) {
      ArrayNode array = (ArrayNode) node;
      for (int i = 0; i < array.size(); i++) {
        if (array.get(i).isTextual()) {
          array.set(i, TextNode.valueOf(array.get(i).textValue().replace("$", "$$")));
        } else {
          escapeDollars(array.get(i));
        }
      }
    }
  }

  private static void sortDeep(JsonNode node) {
    if (node.isArray()) {
      node.forEach(ComposeWriter::sortDeep);
    } else if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      Map<String, JsonNode> sorted = new TreeMap<>();
      for (Map.Entry<String, JsonNode> field : new ArrayList<>(object.properties())) {
        sortDeep(field.getValue());
        sorted.put(field.getKey(), field.getValue());
      }
      object.removeAll();
      object.setAll(sorted);
    }
  }
}
