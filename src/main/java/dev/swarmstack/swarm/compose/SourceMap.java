package dev.swarmstack.swarm.compose;

import com.fasterxml.jackson.core.JsonPointer;
import dev.swarmstack.swarm.problem.Origin;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Where each node of a compose document came from, keyed by its JSON pointer
 * ({@code /services/api/ports/2}). Lets any later stage name the file:line or pom element of a value.
 * A mapping entry also records where its key was written, which is what an "unknown key" error names.
 *
 * <p>Pointers are kept by their text, sorted, so that a node's subtree is one range of keys: copying an anchor's
 * origins for each alias costs the anchor's size, not the whole document's (alias-heavy files stay fast).
 */
public final class SourceMap {

  private final NavigableMap<String, Origin> origins = new TreeMap<>();
  private final NavigableMap<String, Origin> keyOrigins = new TreeMap<>();

  public void put(JsonPointer pointer, Origin origin) {
    origins.put(pointer.toString(), origin);
  }

  public void putKey(JsonPointer pointer, Origin origin) {
    keyOrigins.put(pointer.toString(), origin);
  }

  public void putAll(SourceMap other) {
    origins.putAll(other.origins);
    keyOrigins.putAll(other.keyOrigins);
  }

  /** The origin of the node at {@code pointer}, or of its nearest ancestor that has one. */
  public Origin at(JsonPointer pointer) {
    for (JsonPointer p = pointer; p != null; p = p.head()) {
      Origin origin = origins.get(p.toString());
      if (origin != null) {
        return origin;
      }
    }
    return Origin.UNKNOWN;
  }

  /** Where the key of the entry at {@code pointer} was written; its value's origin when unknown. */
  public Origin keyAt(JsonPointer pointer) {
    Origin key = keyOrigins.get(pointer.toString());
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
      pointer = segment instanceof Integer index
          ? pointer.appendIndex(index)
          : pointer.appendProperty(segment.toString());
    }
    return pointer;
  }

  /** Forgets every origin at or below {@code prefix}. */
  public void removeUnder(JsonPointer prefix) {
    for (NavigableMap<String, Origin> map : List.of(origins, keyOrigins)) {
      map.remove(prefix.toString());
      below(map, prefix.toString()).clear();
    }
  }

  /** Copies the origins at or below {@code from} in {@code source} to the same place below {@code to} here. */
  public void copyUnder(SourceMap source, JsonPointer from, JsonPointer to) {
    copy(source.origins, origins, from.toString(), to.toString());
    copy(source.keyOrigins, keyOrigins, from.toString(), to.toString());
  }

  private static void copy(
      NavigableMap<String, Origin> source,
      NavigableMap<String, Origin> target,
      String from,
      String to) {
    Map<String, Origin> moved = new TreeMap<>();
    Origin at = source.get(from);
    if (at != null) {
      moved.put(to, at);
    }
    below(source, from)
        .forEach((pointer, origin) -> moved.put(to + pointer.substring(from.length()), origin));
    target.putAll(moved);
  }

  /** The entries strictly below {@code prefix}: their text starts with {@code prefix/}, and '0' follows '/'. */
  private static NavigableMap<String, Origin> below(
      NavigableMap<String, Origin> map, String prefix) {
    return map.subMap(prefix + "/", true, prefix + "0", false);
  }
}
