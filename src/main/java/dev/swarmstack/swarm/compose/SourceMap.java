package dev.swarmstack.swarm.compose;

import com.fasterxml.jackson.core.JsonPointer;
import dev.swarmstack.swarm.problem.Origin;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each node of a compose document came from, keyed by its JSON pointer
 * ({@code /services/api/ports/2}). Lets any later stage name the file:line or pom element of a value.
 * A mapping entry also records where its key was written, which is what an "unknown key" error names.
 */
public final class SourceMap {

  private final Map<JsonPointer, Origin> origins = new HashMap<>();
  private final Map<JsonPointer, Origin> keyOrigins = new HashMap<>();

  public void put(JsonPointer pointer, Origin origin) {
    origins.put(pointer, origin);
  }

  public void putKey(JsonPointer pointer, Origin origin) {
    keyOrigins.put(pointer, origin);
  }

  public void putAll(SourceMap other) {
    origins.putAll(other.origins);
    keyOrigins.putAll(other.keyOrigins);
  }

  /** The origin of the node at {@code pointer}, or of its nearest ancestor that has one. */
  public Origin at(JsonPointer pointer) {
    for (JsonPointer p = pointer; p != null; p = p.head()) {
      Origin origin = origins.get(p);
      if (origin != null) {
        return origin;
      }
    }
    return Origin.UNKNOWN;
  }

  /** Where the key of the entry at {@code pointer} was written; its value's origin when unknown. */
  public Origin keyAt(JsonPointer pointer) {
    Origin key = keyOrigins.get(pointer);
    return key != null ? key : at(pointer);
  }

  /** Convenience for {@code at(JsonPointer.compile(...))} built from unescaped segments. */
  public Origin at(Object... segments) {
    return at(pointer(segments));
  }

  /** A pointer built from unescaped segments: strings are property names, integers list indexes. */
  public static JsonPointer pointer(Object... segments) {
    JsonPointer pointer = JsonPointer.empty();
    for (Object segment : segments) {
      pointer = segment instanceof Integer index ? pointer.appendIndex(index) : pointer.appendProperty(segment.toString());
    }
    return pointer;
  }

  /** Forgets every origin at or below {@code prefix}. */
  public void removeUnder(JsonPointer prefix) {
    origins.keySet().removeIf(p -> isUnder(p, prefix));
    keyOrigins.keySet().removeIf(p -> isUnder(p, prefix));
  }

  /** Copies the origins at or below {@code from} in {@code source} to the same place below {@code to} here. */
  public void copyUnder(SourceMap source, JsonPointer from, JsonPointer to) {
    copy(source.origins, origins, from, to);
    copy(source.keyOrigins, keyOrigins, from, to);
  }

  private static void copy(Map<JsonPointer, Origin> source, Map<JsonPointer, Origin> target, JsonPointer from, JsonPointer to) {
    String fromText = from.toString();
    Map<JsonPointer, Origin> moved = new HashMap<>();
    source.forEach((p, origin) -> {
      if (isUnder(p, from)) {
        moved.put(JsonPointer.compile(to + p.toString().substring(fromText.length())), origin);
      }
    });
    target.putAll(moved);
  }

  private static boolean isUnder(JsonPointer p, JsonPointer prefix) {
    String text = p.toString();
    String pre = prefix.toString();
    return text.equals(pre) || text.startsWith(pre + "/");
  }
}
