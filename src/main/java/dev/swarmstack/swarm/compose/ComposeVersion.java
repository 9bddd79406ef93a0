package dev.swarmstack.swarm.compose;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmstack.swarm.problem.Problems;
import java.util.Set;

/** The file format version of a compose file, read as docker/cli reads it: none, "" or "3" mean the latest 3.x. */
final class ComposeVersion {

  static final String LATEST = "3.13";

  private static final Set<String> SUPPORTED = Set.of(
      "3.0", "3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12",
      "3.13");

  private ComposeVersion() {}

  static String of(SourceTree tree, Problems problems) {
    JsonNode version = tree.root().get("version");
    if (version == null || version.isNull()) {
      return LATEST;
    }
    JsonPointer at = JsonPointer.compile("/version");
    if (!version.isTextual()) {
      // YAML reads version: 3.1 as a number, and 3.10 would silently become 3.1
      problems.error(
          tree.origins().at(at),
          "version must be a string: quote it, e.g. version: \"" + version.asText() + "\"");
      return LATEST;
    }
    String text = version.textValue();
    if (text.isEmpty() || text.equals("3")) {
      return LATEST;
    }
    if (!SUPPORTED.contains(text)) {
      problems.error(
          tree.origins().at(at),
          "unsupported Compose file version: " + text + ": use a 3.x version up to " + LATEST);
      return LATEST;
    }
    return text;
  }
}
