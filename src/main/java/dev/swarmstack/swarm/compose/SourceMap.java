package dev.swarmstack.swarm.compose;

import com.fasterxml.jackson.core.JsonPointer;
import dev.swarmstack.swarm.problem.Origin;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each node of a compose document came from, keyed by its JSON pointer
 * ({@code /services/api/ports/2}). Lets any later stage name the file:line or pom element of a value.
 */
public final class SourceMap {

  private final Map<JsonPointer, Origin> origins = new HashMap<>();

  public void put(JsonPointer pointer, Origin origin) {
    origins.put(pointer, origin);
  }

  public void putAll(SourceMap other) {
    origins.putAll(other.origins);
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

  /** Convenience for {@code at(JsonPointer.compile(...))} built from unescaped segments. */
  public Origin at(Object... segments) {
    JsonPointer pointer = JsonPointer.empty();
    for (Object segment : segments) {
      pointer = segment instanceof Integer index ? pointer.appendIndex(index) : pointer.appendProperty(segment.toString());
    }
    return at(pointer);
  }
}
