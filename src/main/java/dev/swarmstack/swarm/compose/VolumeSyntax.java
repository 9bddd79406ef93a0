package dev.swarmstack.swarm.compose;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * The short volume syntax {@code [source:]target[:options]} as a long-form mount: a source starting with
 * {@code .}, {@code /} or {@code ~} is a bind mount, any other source a named volume, no source an anonymous
 * volume. Options: {@code ro}, {@code rw}, {@code nocopy}, a bind propagation; others are ignored, as docker
 * ignores them.
 */
final class VolumeSyntax {

  static final String EXPECTED =
      "use [source:]target[:ro], e.g. ./data:/data, db-data:/var/lib/db or /tmp";

  private static final Set<String> PROPAGATIONS =
      Set.of("private", "rprivate", "shared", "rshared", "slave", "rslave");

  private VolumeSyntax() {}

  /** @throws IllegalArgumentException with the expected form */
  static ObjectNode parse(String spec) {
    if (spec.isEmpty()) {
      throw new IllegalArgumentException("invalid empty volume spec: " + EXPECTED);
    }
    String[] parts = spec.split(":", -1);
    if (parts.length > 3) {
      throw new IllegalArgumentException(
          "invalid volume '" + spec + "': too many colons; " + EXPECTED);
    }
    for (String part : parts) {
      if (part.isEmpty()) {
        throw new IllegalArgumentException(
            "invalid volume '" + spec + "': empty section between colons; " + EXPECTED);
      }
    }
    ObjectNode volume = JsonNodeFactory.instance.objectNode();
    String source = parts.length == 1 ? null : parts[0];
    volume.put("type", source != null && isPath(source) ? "bind" : "volume");
    if (source != null) {
      volume.put("source", source);
    }
    volume.put("target", parts.length == 1 ? parts[0] : parts[1]);
    if (parts.length == 3) {
      for (String option : parts[2].split(",")) {
        switch (option) {
          case "ro" -> volume.put("read_only", true);
          case "rw" -> volume.remove("read_only");
          case "nocopy" -> volume.putObject("volume").put("nocopy", true);
          default -> {
            if (PROPAGATIONS.contains(option)) {
              volume.putObject("bind").put("propagation", option);
            }
          }
        }
      }
    }
    return volume;
  }

  private static boolean isPath(String source) {
    char first = source.charAt(0);
    return first == '.' || first == '/' || first == '~';
  }
}
