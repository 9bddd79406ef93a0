package dev.swarmstack.swarm.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The stack files fuzzing starts from: docker/cli's conformance example (read from {@code swarm.sharedDir}, never
 * copied), the project's own test stacks and the real-world corpus. Real files reach the deep parts of the loader
 * that random bytes rarely do.
 */
public final class FuzzSeeds {

  private static final List<byte[]> SEEDS = load();

  private FuzzSeeds() {}

  /** Every seed file's bytes, in a stable order, so that a fuzzer input picks the same seed on every run. */
  public static List<byte[]> all() {
    return SEEDS;
  }

  private static List<byte[]> load() {
    List<Path> roots = new ArrayList<>(List.of(
        Path.of("src/test/resources/compose"),
        Path.of("src/test/resources/differential"),
        Path.of("src/test/resources/corpus")));
    String shared = System.getProperty("swarm.sharedDir");
    if (shared != null) {
      roots.add(0, Path.of(shared, "conformance", "docker-cli"));
    }
    List<byte[]> seeds = new ArrayList<>();
    for (Path root : roots) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(FuzzSeeds::isStackFile).sorted().toList()) {
          seeds.add(Files.readAllBytes(file));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (seeds.isEmpty()) {
      throw new IllegalStateException(
          "no seed stack files found: run the fuzz tests from the project's directory");
    }
    return List.copyOf(seeds);
  }

  private static boolean isStackFile(Path file) {
    String name = file.getFileName().toString();
    return Files.isRegularFile(file) && (name.endsWith(".yml") || name.endsWith(".yaml"));
  }
}
