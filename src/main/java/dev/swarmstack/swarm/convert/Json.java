package dev.swarmstack.swarm.convert;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Map;

/**
 * Builds Engine API JSON the way Go marshals the CLI's structs: a field the Go type marks {@code omitempty}
 * is left out when it holds its zero value (the engine reads an absent field as zero), a pointer field is
 * written whenever it is set, even to zero.
 */
final class Json {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  static ObjectNode object() {
    return NODES.objectNode();
  }

  static ArrayNode array() {
    return NODES.arrayNode();
  }

  static ArrayNode strings(Collection<String> values) {
    ArrayNode array = array();
    values.forEach(array::add);
    return array;
  }

  static ObjectNode stringMap(Map<String, String> values) {
    ObjectNode object = object();
    values.forEach(object::put);
    return object;
  }

  /** An {@code omitempty} string. */
  static void putText(ObjectNode target, String field, String value) {
    if (value != null && !value.isEmpty()) {
      target.put(field, value);
    }
  }

  /** An {@code omitempty} number. */
  static void putNonZero(ObjectNode target, String field, long value) {
    if (value != 0) {
      target.put(field, value);
    }
  }

  /** A pointer number: written when set, zero included. */
  static void putIfSet(ObjectNode target, String field, Long value) {
    if (value != null) {
      target.put(field, value);
    }
  }

  /** An {@code omitempty} boolean. */
  static void putTrue(ObjectNode target, String field, Boolean value) {
    if (Boolean.TRUE.equals(value)) {
      target.put(field, true);
    }
  }

  /** An {@code omitempty} list. */
  static void putStrings(ObjectNode target, String field, Collection<String> values) {
    if (values != null && !values.isEmpty()) {
      target.set(field, strings(values));
    }
  }

  /** An {@code omitempty} map. */
  static void putStringMap(ObjectNode target, String field, Map<String, String> values) {
    if (values != null && !values.isEmpty()) {
      target.set(field, stringMap(values));
    }
  }
}
