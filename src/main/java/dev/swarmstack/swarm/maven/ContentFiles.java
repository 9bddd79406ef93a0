package dev.swarmstack.swarm.maven;

import dev.swarmstack.swarm.model.ComposeFile;
import dev.swarmstack.swarm.model.FileObject;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A stack file can only take a secret's or config's content from a file, so {@code swarm:generate} writes the
 * contents the pom gives in memory (environment variable, property, inline) to files readable by their owner only,
 * and names them with {@code file:}. Deploying through the plugin never writes them.
 */
final class ContentFiles {

  private static final Set<PosixFilePermission> OWNER_ONLY_DIR =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_ONLY_FILE =
      PosixFilePermissions.fromString("rw-------");

  private final Path directory;

  /** @param directory where the files go, one folder per section ({@code secrets/<key>}, {@code configs/<key>}) */
  ContentFiles(Path directory) {
    this.directory = directory;
  }

  ComposeFile materialise(ComposeFile compose) throws IOException {
    return new ComposeFile(
        compose.version(),
        compose.services(),
        compose.networks(),
        compose.volumes(),
        materialise("secrets", compose.secrets()),
        materialise("configs", compose.configs()),
        compose.extensions());
  }

  private SortedMap<String, FileObject> materialise(
      String section, SortedMap<String, FileObject> objects) throws IOException {
    if (objects == null) {
      return null;
    }
    SortedMap<String, FileObject> written = new TreeMap<>();
    for (var entry : objects.entrySet()) {
      FileObject object = entry.getValue();
      if (object.content() == null) {
        written.put(entry.getKey(), object);
        continue;
      }
      Path file = directory.resolve(section).resolve(entry.getKey()).toAbsolutePath();
      createPrivateDirectories(file.getParent());
      Files.deleteIfExists(file);
      if (isPosix()) {
        // created private, so the content is never readable by others, not even for a moment
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
      }
      Files.write(file, object.content().bytes());
      written.put(entry.getKey(), object.withFile(file.toString()));
    }
    return written;
  }

  private static void createPrivateDirectories(Path dir) throws IOException {
    if (isPosix()) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
    } else {
      Files.createDirectories(dir);
    }
  }

  private static boolean isPosix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }
}
