package dev.swarmstack.swarm.compose;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * Structured mutations of real stack files get a problem report, never another exception: a value changed to
 * another type, a key deleted or written twice, deep nesting, huge numbers, odd unicode, anchors and aliases
 * (alias bombs included, which must stay bounded).
 */
class ComposeMutationFuzzTest {

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final StackFileTarget target = new StackFileTarget();

  @Test
  void boundedRun() {
    BoundedFuzzRun.run("mutatedStackFilesGetAProblemReport", 100, this::loadMutatedSeed);
  }

  @FuzzTest(maxExecutions = 3000, maxDuration = "15s")
  void mutatedStackFilesGetAProblemReport(FuzzedDataProvider data) throws IOException {
    loadMutatedSeed(FuzzInput.of(data));
  }

  private void loadMutatedSeed(FuzzInput data) throws IOException {
    JsonNode tree = parse(data.pickValue(FuzzSeeds.all()));
    int treeEdits = data.consumeInt(0, 4);
    for (int i = 0; i < treeEdits; i++) {
      tree = editTree(tree, data);
    }
    List<String> lines = new ArrayList<>(List.of(YAML.writeValueAsString(tree).split("\n", -1)));
    int textEdits = data.consumeInt(0, 3);
    for (int i = 0; i < textEdits; i++) {
      editText(lines, data);
    }
    target.loadAndValidate(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode parse(byte[] seed) {
    try {
      JsonNode tree = YAML.readTree(seed);
      return tree == null ? NODES.objectNode() : tree;
    } catch (IOException e) {
      return NODES
          .objectNode(); // a seed that is wrong on purpose; the bytes fuzz test covers those
    }
  }

  /** Replaces, deletes or wraps one node of the tree, picked among all of them. */
  private static JsonNode editTree(JsonNode root, FuzzInput data) {
    List<Slot> slots = new ArrayList<>();
    collect(root, slots);
    if (slots.isEmpty()) {
      return oddNode(data);
    }
    Slot slot = data.pickValue(slots);
    switch (data.consumeInt(0, 2)) {
      case 0 -> slot.replace(oddNode(data));
      case 1 -> slot.remove();
      default -> slot.replace(nest(slot.value(), data.consumeInt(1, 200), data.consumeBoolean()));
    }
    return root;
  }

  private static JsonNode oddNode(FuzzInput data) {
    return switch (data.consumeInt(0, 7)) {
      case 0 -> NODES.textNode(OddValues.string(data));
      case 1 -> NODES.numberNode(OddValues.number(data));
      case 2 -> NODES.numberNode(new BigInteger("9".repeat(data.consumeInt(19, 400))));
      case 3 -> NODES.numberNode(data.consumeDouble());
      case 4 -> NODES.booleanNode(data.consumeBoolean());
      case 5 -> NODES.nullNode();
      case 6 -> NODES.arrayNode().add(OddValues.string(data));
      default -> NODES.objectNode().put(OddValues.string(data), OddValues.string(data));
    };
  }

  private static JsonNode nest(JsonNode inner, int depth, boolean inLists) {
    JsonNode node = inner;
    for (int i = 0; i < depth; i++) {
      node = inLists ? NODES.arrayNode().add(node) : NODES.objectNode().set("x", node);
    }
    return node;
  }

  /** Line edits the tree can't express: a key written twice, anchors and aliases, an alias bomb, deep nesting. */
  private static void editText(List<String> lines, FuzzInput data) {
    int at = data.consumeInt(0, lines.size() - 1);
    String line = lines.get(at);
    switch (data.consumeInt(0, 4)) {
      case 0 -> lines.add(at, line); // the same key twice
      case 1 -> anchorAndAlias(lines, at, data);
      case 2 -> lines.addAll(aliasBomb(data.consumeInt(1, 12), data.consumeInt(1, 12)));
      case 3 -> { // deeper than Jackson writes or reads (1000 levels)
        int depth = data.consumeInt(900, 20000);
        lines.add("x-deep: " + "[".repeat(depth) + "]".repeat(depth));
      }
      default ->
        lines.set(
            at,
            line.replaceFirst(
                ": ",
                Matcher.quoteReplacement(": " + OddValues.string(data).replace("\n", " ") + " ")));
    }
  }

  /** {@code key: &a value} on one line, {@code key: *a} on another (maybe before it: an unknown anchor). */
  private static void anchorAndAlias(List<String> lines, int at, FuzzInput data) {
    int colon = lines.get(at).indexOf(": ");
    if (colon < 0) {
      return;
    }
    lines.set(at, lines.get(at).substring(0, colon) + ": &a " + lines.get(at).substring(colon + 2));
    int aliasAt = data.consumeInt(0, lines.size() - 1);
    int aliasColon = lines.get(aliasAt).indexOf(": ");
    if (aliasColon >= 0) {
      lines.set(aliasAt, lines.get(aliasAt).substring(0, aliasColon) + ": *a");
    }
  }

  /** The billion laughs: each level a list of {@code width} aliases of the level before. */
  static List<String> aliasBomb(int levels, int width) {
    List<String> lines = new ArrayList<>(List.of("x-l0: &l0 [\"lol\"]"));
    for (int level = 1; level <= levels; level++) {
      lines.add("x-l" + level + ": &l" + level + " ["
          + String.join(", ", Collections.nCopies(width, "*l" + (level - 1))) + "]");
    }
    return lines;
  }

  /** A place in the tree: a field of a mapping or an element of a list. */
  private record Slot(ContainerNode<?> parent, String field, int index) {

    JsonNode value() {
      return parent instanceof ObjectNode object
          ? object.get(field)
          : ((ArrayNode) parent).get(index);
    }

    void replace(JsonNode value) {
      if (parent instanceof ObjectNode object) {
        object.set(field, value);
      } else {
        ((ArrayNode) parent).set(index, value);
      }
    }

    void remove() {
      if (parent instanceof ObjectNode object) {
        object.remove(field);
      } else {
        ((ArrayNode) parent).remove(index);
      }
    }
  }

  private static void collect(JsonNode node, List<Slot> slots) {
    if (node instanceof ObjectNode object) {
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        slots.add(new Slot(object, field.getKey(), -1));
        collect(field.getValue(), slots);
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        slots.add(new Slot(array, null, i));
        collect(array.get(i), slots);
      }
    }
  }
}
