package dev.swarmstack.swarm.validate;

import dev.swarmstack.swarm.model.FileObject;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Top-level secrets and configs say where their content comes from, and that place exists. Only the path is
 * ever named in a message: the content is never read here.
 */
final class FileObjectCheck implements Check {

  @Override
  public void run(Findings findings) {
    check(findings, "secret", "secrets", findings.compose().secretsOrEmpty(), true);
    check(findings, "config", "configs", findings.compose().configsOrEmpty(), false);
  }

  private static void check(
      Findings findings,
      String kind,
      String section,
      Map<String, FileObject> objects,
      boolean driverAllowed) {
    for (Map.Entry<String, FileObject> entry : objects.entrySet()) {
      String key = entry.getKey();
      FileObject object = entry.getValue();
      boolean external = object != null && Boolean.TRUE.equals(object.external());
      boolean fromDriver = driverAllowed && object != null && object.driver() != null;
      boolean inMemory = object != null && object.content() != null;
      if (object == null || object.file() == null && !external && !fromDriver && !inMemory) {
        findings.error(
            kind + " " + key + " has no content source: set file to a path"
                + (driverAllowed ? ", driver to a secret store driver," : "")
                + " or external: true for a " + kind + " that already exists in the swarm",
            section,
            key);
      } else if (object.file() != null && !external && namesAFile(object.file())) {
        Path workingDir = findings.stack().workingDir();
        Path file = workingDir == null ? Path.of(object.file()) : workingDir.resolve(object.file());
        if (!Files.isRegularFile(file)) {
          findings.error(
              kind + " " + key + ": file " + file
                  + (Files.exists(file) ? " is not a regular file" : " does not exist")
                  + "; create it or fix the path",
              section,
              key,
              "file");
        }
      }
    }
  }

  /** A path that can't name a file (a NUL character, a lone surrogate) has been reported by the loader. */
  @SuppressWarnings("ReturnValueIgnored") // Path.of is called only for its InvalidPathException
  private static boolean namesAFile(String path) {
    try {
      Path.of(path);
      return true;
    } catch (InvalidPathException e) {
      return false;
    }
  }
}
