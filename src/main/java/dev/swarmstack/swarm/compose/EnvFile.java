package dev.swarmstack.swarm.compose;

import dev.swarmstack.swarm.problem.Origin;
import dev.swarmstack.swarm.problem.Problems;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code KEY=value} file, read the way docker reads {@code env_file} (and the way we read {@code .env}):
 * leading blanks and {@code #} lines skipped, the value is everything after the first {@code =}, kept as
 * written; a bare {@code KEY} takes its value from the variables, or is left out when they lack it.
 */
final class EnvFile {

  private EnvFile() {}

  /** The file's entries in order; an unreadable or malformed file is reported and yields what was read. */
  static Map<String, String> read(
      Path file, VariableSource variables, Origin usedAt, Problems problems) {
    Map<String, String> entries = new LinkedHashMap<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      problems.error(usedAt, "cannot read env file " + file + ": " + e.getMessage());
      return entries;
    }
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n).stripLeading();
      if (n == 0 && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int equals = line.indexOf('=');
      String key = equals < 0 ? line : line.substring(0, equals);
      Origin at = Origin.file(file, n + 1, 1);
      if (key.isEmpty()) {
        problems.error(at, "no variable name on line '" + line + "': write KEY=value");
      } else if (key.chars().anyMatch(Character::isWhitespace)) {
        problems.error(
            at,
            "variable '" + key + "' contains whitespaces: write KEY=value without blanks in KEY");
      } else if (equals >= 0) {
        entries.put(key, line.substring(equals + 1));
      } else {
        variables.lookup(key).ifPresent(value -> entries.put(key, value));
      }
    }
    return entries;
  }
}
