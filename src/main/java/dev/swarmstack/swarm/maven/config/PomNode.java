package dev.swarmstack.swarm.maven.config;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.compose.SourceMap;
import dev.swarmstack.swarm.problem.Origin;
import dev.swarmstack.swarm.problem.Problems;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An object of the compose-shaped tree being built from the pom. Every value put through it is recorded in
 * the {@link SourceMap} with the pom element it came from ({@code <services><service>api</service><replicas>}),
 * so later stages can name it. Compose keys are snake_case; their pom elements are the camelCase.
 */
final class PomNode {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ObjectNode node;
  private final JsonPointer pointer;
  private final String element;
  private final Context context;

  /** What all nodes of one tree share. */
  record Context(SourceMap origins, Problems problems) {}

  private PomNode(ObjectNode node, JsonPointer pointer, String element, Context context) {
    this.node = node;
    this.pointer = pointer;
    this.element = element;
    this.context = context;
  }

  private static PomNode recorded(
      ObjectNode node, JsonPointer pointer, String element, Context context) {
    context.origins().put(pointer, Origin.pom(element));
    return new PomNode(node, pointer, element, context);
  }

  static PomNode root(Context context) {
    return recorded(NODES.objectNode(), JsonPointer.empty(), "", context);
  }

  ObjectNode node() {
    return node;
  }

  String element() {
    return element;
  }

  /**
   * The same object, with the values put through the view reported under another pom element: deploy keys
   * written directly on {@code <service>}, an overlay option written as {@code <encrypted>}.
   */
  PomNode as(String otherElement) {
    return new PomNode(node, pointer, otherElement, context);
  }

  /** The child object {@code key}, written in the pom as {@code elementSuffix} below this node's element. */
  PomNode object(String key, String elementSuffix) {
    if (node.get(key) instanceof ObjectNode existing) {
      return new PomNode(existing, pointer.appendProperty(key), element + elementSuffix, context);
    }
    return recorded(
        node.putObject(key), pointer.appendProperty(key), element + elementSuffix, context);
  }

  /** The child object {@code key}, written in the pom as the camelCase element of {@code key}. */
  PomNode object(String key) {
    return object(key, tag(key));
  }

  /** A new object at the end of the array {@code key}, written in the pom as {@code itemSuffix} ({@code <ports>[2]}). */
  PomNode append(String key, String itemSuffix) {
    ArrayNode array = node.withArray(key);
    JsonPointer at = pointer.appendProperty(key).appendIndex(array.size());
    return recorded(array.addObject(), at, element + itemSuffix, context);
  }

  /** A string at the end of the array {@code key}, written in the pom as {@code itemSuffix}. */
  void appendValue(String key, String itemSuffix, String value) {
    ArrayNode array = node.withArray(key);
    context
        .origins()
        .put(
            pointer.appendProperty(key).appendIndex(array.size()),
            Origin.pom(element + itemSuffix));
    array.add(value);
  }

  /** A value this node's own element gives (a short form): recorded with this node's origin. */
  void putOwn(String key, Object value) {
    put(key, "", value);
  }

  /** Puts {@code value} (a string, boolean, number, map or list of strings) unless it is {@code null}. */
  void put(String key, Object value) {
    put(key, camelCase(key), value);
  }

  /** As {@link #put(String, Object)}, for a value whose pom element is not the camelCase of its key. */
  void put(String key, String elementName, Object value) {
    if (value == null || value instanceof List<?> list && list.isEmpty()) {
      return;
    }
    String valueElement = element + (elementName.isEmpty() ? "" : "<" + elementName + ">");
    JsonPointer at = pointer.appendProperty(key);
    if (isNew(key, valueElement)) {
      node.set(key, toNode(value, at, valueElement));
    }
  }

  /** Puts {@code key: null}, given by this node's own element (compose's {@code backend:} with no options). */
  void putNull(String key) {
    if (isNew(key, element)) {
      context.origins().put(pointer.appendProperty(key), Origin.pom(element));
      node.putNull(key);
    }
  }

  private boolean isNew(String key, String valueElement) {
    if (!node.has(key)) {
      return true;
    }
    context
        .problems()
        .error(
            Origin.pom(valueElement),
            "this value is also set at " + context.origins().at(pointer.appendProperty(key))
                + ": set it in one place only");
    return false;
  }

  /** Removes {@code key} again if nothing was put into it. */
  void dropIfEmpty(String key) {
    if (node.get(key) instanceof ObjectNode child && child.isEmpty()) {
      node.remove(key);
    }
  }

  /** Records an error at this node's element, or at {@code elementSuffix} below it. */
  void error(String elementSuffix, String message) {
    context.problems().error(Origin.pom(element + elementSuffix), message);
  }

  private JsonNode toNode(Object value, JsonPointer at, String valueElement) {
    context.origins().put(at, Origin.pom(valueElement));
    if (value instanceof Map<?, ?> map) {
      ObjectNode object = NODES.objectNode();
      // sorted so that the same pom always gives the same tree
      new TreeMap<>(map)
          .forEach((k, v) -> object.set(
              k.toString(),
              toNode(v, at.appendProperty(k.toString()), valueElement + "<" + k + ">")));
      return object;
    }
    if (value instanceof List<?> list) {
      ArrayNode array = NODES.arrayNode();
      for (int i = 0; i < list.size(); i++) {
        array.add(toNode(list.get(i), at.appendIndex(i), valueElement + "[" + (i + 1) + "]"));
      }
      return array;
    }
    return scalar(value);
  }

  private static JsonNode scalar(Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (value instanceof Long || value instanceof Integer) {
      return NODES.numberNode(((Number) value).longValue());
    }
    if (value instanceof Double d) {
      return NODES.numberNode(d);
    }
    return NODES.textNode(value.toString());
  }

  private static String tag(String key) {
    return "<" + camelCase(key) + ">";
  }

  /** {@code update_config} -> {@code updateConfig}. */
  static String camelCase(String key) {
    StringBuilder out = new StringBuilder(key.length());
    boolean upper = false;
    for (char c : key.toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.toString();
  }
}
