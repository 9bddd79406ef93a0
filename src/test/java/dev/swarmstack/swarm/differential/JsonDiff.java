package dev.swarmstack.swarm.differential;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/** Field-level differences between two JSON trees, one line per differing leaf, so a failure says what differs. */
final class JsonDiff {

  private JsonDiff() {}

  /** Lines {@code path: left-value <> right-value}; empty when equal. Missing fields print as {@code (absent)}. */
  static List<String> between(JsonNode left, JsonNode right) {
    List<String> differences = new ArrayList<>();
    collect("", left, right, differences);
    return differences;
  }

  private static void collect(
      String path, JsonNode left, JsonNode right, List<String> differences) {
    if (left != null && right != null && left.isObject() && right.isObject()) {
      TreeSet<String> fields = new TreeSet<>();
      left.fieldNames().forEachRemaining(fields::add);
      right.fieldNames().forEachRemaining(fields::add);
      fields.forEach(
          field -> collect(path + "." + field, left.get(field), right.get(field), differences));
    } else if (left != null && right != null && left.isArray() && right.isArray()) {
      int size = Math.max(left.size(), right.size());
      for (int i = 0; i < size; i++) {
        collect(path + "[" + i + "]", left.get(i), right.get(i), differences);
      }
    } else if (left == null || !left.equals(right)) {
      differences.add((path.isEmpty() ? "." : path) + ": " + show(left) + " <> " + show(right));
    }
  }

  private static String show(JsonNode node) {
    return node == null ? "(absent)" : node.toString();
  }

  /** The differences as a block for an assertion message. */
  static String describe(String title, List<String> differences) {
    StringBuilder text = new StringBuilder(title).append(" (left: docker CLI, right: plugin)");
    Iterator<String> lines = differences.iterator();
    while (lines.hasNext()) {
      text.append("\n  ").append(lines.next());
    }
    return text.toString();
  }
}
