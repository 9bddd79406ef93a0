package dev.swarmstack.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Keeps the layers apart: a Maven-free core, and docker-java behind one package. */
class ArchitectureTest {

  private static final Path SOURCES = Path.of("src/main/java/dev/swarmstack/swarm");

  @Test
  void coreImportsNothingFromMaven() {
    assertEquals(List.of(), filesImporting("import org.apache.maven", "maven"));
  }

  @Test
  void onlyTheDockerPackageImportsDockerJava() {
    assertEquals(List.of(), filesImporting("import com.github.dockerjava", "docker"));
  }

  /** Source files outside {@code allowedPackage} that contain {@code importPrefix}. */
  private static List<String> filesImporting(String importPrefix, String allowedPackage) {
    Path allowed = SOURCES.resolve(allowedPackage);
    try (Stream<Path> files = Files.walk(SOURCES)) {
      return files
          .filter(f -> f.toString().endsWith(".java") && !f.startsWith(allowed))
          .filter(f -> read(f).contains(importPrefix))
          .map(Path::toString)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
