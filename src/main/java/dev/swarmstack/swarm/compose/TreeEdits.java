package dev.swarmstack.swarm.compose;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.swarmstack.swarm.model.ByteSize;
import dev.swarmstack.swarm.model.GoDuration;
import dev.swarmstack.swarm.problem.Problems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Rewrites of one compose tree into docker's canonical forms, shared by the service and top-level
 * normalisers. Each rewrite keeps the {@link SourceMap} pointing at where the user wrote the value, and
 * reports a value it cannot read as a problem at that place instead of stopping.
 */
final class TreeEdits {

  private static final Pattern WINDOWS_DRIVE = Pattern.compile("[A-Za-z]:[\\\\/]");

  final Problems problems;
  final SourceMap origins;
  final Path workingDir;
  final VariableSource variables;

  TreeEdits(Problems problems, SourceMap origins, Path workingDir, VariableSource variables) {
    this.problems = problems;
    this.origins = origins;
    this.workingDir = workingDir;
    this.variables = variables;
  }

  void error(JsonPointer at, String message) {
    problems.error(origins.at(at), message);
  }

  void warning(JsonPointer at, String message) {
    problems.warning(origins.at(at), message);
  }

  /** {@code KEY=value} list or mapping -> mapping of strings; a bare key maps to null or "" ({@code allowNull}). */
  void toStringMap(
      ObjectNode parent, String key, JsonPointer parentAt, String separator, boolean allowNull) {
    JsonNode value = parent.get(key);
    JsonPointer at = parentAt.appendProperty(key);
    if (value instanceof ObjectNode map) {
      map.properties().forEach(e -> e.setValue(scalarText(e.getValue(), allowNull)));
    } else if (value instanceof ArrayNode list) {
      ObjectNode map = parent.objectNode();
      Map<String, JsonPointer> itemOrigins = new TreeMap<>();
      for (int i = 0; i < list.size(); i++) {
        String entry = list.get(i).asText();
        int split = entry.indexOf(separator);
        String name = split < 0 ? entry : entry.substring(0, split);
        map.set(
            name,
            split >= 0
                ? TextNode.valueOf(entry.substring(split + separator.length()))
                : allowNull ? NullNode.instance : TextNode.valueOf(""));
        itemOrigins.put(name, at.appendIndex(i));
      }
      replace(parent, key, at, map, itemOrigins);
    }
  }

  /** A single string where a list is allowed -> a one-element list. */
  void toList(ObjectNode parent, String key) {
    JsonNode value = parent.get(key);
    if (value != null && value.isValueNode() && !value.isNull()) {
      parent.putArray(key).add(value.asText());
    }
  }

  /** Every element of a list as text ({@code expose: [3000, "8000"]}). */
  void toTextList(ObjectNode parent, String key) {
    if (parent.get(key) instanceof ArrayNode list) {
      for (int i = 0; i < list.size(); i++) {
        list.set(i, TextNode.valueOf(list.get(i).asText()));
      }
    }
  }

  void duration(ObjectNode parent, String key, JsonPointer parentAt) {
    canonical(parent, key, parentAt, text -> GoDuration.parse(text).toString());
  }

  void size(ObjectNode parent, String key, JsonPointer parentAt) {
    canonical(parent, key, parentAt, text -> ByteSize.parse(text).toString());
  }

  /** Parses a scalar with {@code parse} and stores its canonical text; the parse message is the problem. */
  void canonical(
      ObjectNode parent, String key, JsonPointer parentAt, Function<String, String> parse) {
    JsonNode value = parent.get(key);
    if (value == null || value.isNull()) {
      return;
    }
    JsonPointer at = parentAt.appendProperty(key);
    if (!value.isValueNode()) {
      error(at, key + " must be a single value, not a " + (value.isArray() ? "list" : "mapping"));
      return;
    }
    try {
      parent.put(key, parse.apply(value.asText()));
    } catch (IllegalArgumentException e) {
      error(at, key + ": " + e.getMessage());
      parent.remove(key); // reported: binding must not fail on it again and hide the next error
    }
  }

  /** Puts {@code replacement} at {@code key}, each of its entries traced to the item it came from. */
  void replace(
      ObjectNode parent,
      String key,
      JsonPointer at,
      JsonNode replacement,
      Map<String, JsonPointer> from) {
    SourceMap old = new SourceMap();
    old.copyUnder(origins, at, at);
    origins.removeUnder(at);
    origins.put(at, old.at(at));
    origins.putKey(at, old.keyAt(at));
    from.forEach((child, source) -> origins.copyUnder(old, source, at.appendProperty(child)));
    parent.set(key, replacement);
  }

  /** Like {@link #replace} for a list whose element {@code i} came from the old element {@code from.get(i)}. */
  void replaceList(
      ObjectNode parent,
      String key,
      JsonPointer at,
      ArrayNode replacement,
      List<JsonPointer> from) {
    SourceMap old = new SourceMap();
    old.copyUnder(origins, at, at);
    origins.removeUnder(at);
    origins.put(at, old.at(at));
    origins.putKey(at, old.keyAt(at));
    for (int i = 0; i < from.size(); i++) {
      origins.copyUnder(old, from.get(i), at.appendIndex(i));
    }
    parent.set(key, replacement);
  }

  /**
   * A relative path against the working directory, {@code ~} against HOME, as docker/cli resolves them: a relative
   * path is joined and cleaned, an absolute one is kept as written (a bind source {@code /var/lib/docker/} keeps
   * its slash in the spec the CLI sends). A string no file can be named by (a NUL character, or a lone surrogate
   * from a {@code \\uD800} escape) is an error at {@code at}, and empty.
   */
  @SuppressWarnings("ReturnValueIgnored") // Path.of is called only for its InvalidPathException
  Optional<String> absolute(String path, JsonPointer at) {
    String expanded = path;
    if (path.startsWith("~")) {
      expanded = variables.lookup("HOME").map(home -> home + path.substring(1)).orElse(path);
    }
    try {
      Path.of(expanded); // can it name a file at all? (an absolute path is kept as written)
      return Optional.of(
          isAbsolute(expanded)
              ? expanded
              : workingDir.resolve(expanded).normalize().toString());
    } catch (InvalidPathException e) {
      error(
          at,
          "not a path: " + e.getReason().toLowerCase(Locale.ROOT)
              + "; fix the path (a NUL character or a lone"
              + " surrogate such as \\uD800 can't be in a file name)");
      return Optional.empty();
    }
  }

  /** Absolute on Unix or on Windows ({@code C:\x}, {@code C:/x}, {@code \\server\share}), as the CLI checks both. */
  private static boolean isAbsolute(String path) {
    return path.startsWith("/")
        || path.startsWith("\\\\")
        || WINDOWS_DRIVE.matcher(path).lookingAt();
  }

  static JsonNode scalarText(JsonNode value, boolean allowNull) {
    if (value == null || value.isNull()) {
      return allowNull ? NullNode.instance : TextNode.valueOf("");
    }
    return value.isTextual() ? value : TextNode.valueOf(value.asText());
  }
}
