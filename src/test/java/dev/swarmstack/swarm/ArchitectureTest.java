package dev.swarmstack.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Keeps the layers apart: a Maven-free core, docker-java behind one package, and no cycle between packages. */
class ArchitectureTest {

  private static final Path SOURCES = Path.of("src/main/java/dev/swarmstack/swarm");
  /** Comments, whose examples may quote the pom: block comments, and line comments on lines of their own. */
  private static final Pattern COMMENT = Pattern.compile("(?s)/\\*.*?\\*/|(?m)^\\s*//[^\n]*");

  private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\\n]|\\\\.)*\"");
  private static final Pattern MAVEN_NAME = Pattern.compile("\\bswarm[.:][a-z][\\w.-]*");

  private static final Pattern IMPORT =
      Pattern.compile("(?m)^import (?:static )?dev\\.swarmstack\\.swarm\\.(\\w+)\\.");

  @Test
  void coreImportsNothingFromMaven() {
    assertEquals(List.of(), filesImporting("import org.apache.maven", "maven"));
  }

  @Test
  void onlyTheDockerPackageImportsDockerJava() {
    assertEquals(List.of(), filesImporting("import com.github.dockerjava", "docker"));
  }

  /**
   * Core messages name settings and goals through {@code UserTerms}, never as the pom spells them: a string literal
   * outside {@code maven/} holds no {@code swarm.*} property and no {@code swarm:} goal.
   */
  @Test
  void coreMessagesLeaveTheMavenNamesToTheMavenLayer() {
    Path maven = SOURCES.resolve("maven");
    try (Stream<Path> files = Files.walk(SOURCES)) {
      List<String> found = files
          .filter(f -> f.toString().endsWith(".java") && !f.startsWith(maven))
          .flatMap(f -> mavenNamesIn(f).stream().map(name -> SOURCES.relativize(f) + ": " + name))
          .sorted()
          .toList();
      assertEquals(List.of(), found);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void packagesDependOnEachOtherWithoutCycles() {
    Map<String, Set<String>> uses = packageDependencies();
    List<String> cycles = new ArrayList<>();
    for (String start : uses.keySet()) {
      findCycle(start, uses, new ArrayDeque<>(List.of(start))).ifPresent(cycles::add);
    }
    assertEquals(List.of(), cycles);
  }

  /** A path of package uses from the first package in {@code path} back to it, if there is one. */
  private static Optional<String> findCycle(
      String start, Map<String, Set<String>> uses, Deque<String> path) {
    for (String next : uses.getOrDefault(path.getLast(), Set.of())) {
      if (next.equals(start)) {
        return Optional.of(String.join(" -> ", path) + " -> " + start);
      }
      if (!path.contains(next)) {
        path.addLast(next);
        Optional<String> cycle = findCycle(start, uses, path);
        path.removeLast();
        if (cycle.isPresent()) {
          return cycle;
        }
      }
    }
    return Optional.empty();
  }

  /** For each top-level package, the other top-level packages it imports from. */
  private static Map<String, Set<String>> packageDependencies() {
    try (Stream<Path> files = Files.walk(SOURCES)) {
      Map<String, Set<String>> uses = new TreeMap<>();
      files.filter(f -> f.toString().endsWith(".java")).forEach(file -> {
        String from = SOURCES.relativize(file).getName(0).toString();
        Matcher imported = IMPORT.matcher(read(file));
        while (imported.find()) {
          if (!imported.group(1).equals(from)) {
            uses.computeIfAbsent(from, p -> new TreeSet<>()).add(imported.group(1));
          }
        }
      });
      return uses;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code swarm.*} properties and {@code swarm:} goals that string literals in {@code file} spell out. */
  private static List<String> mavenNamesIn(Path file) {
    List<String> names = new ArrayList<>();
    String code = COMMENT.matcher(read(file)).replaceAll("");
    Matcher literal = STRING_LITERAL.matcher(code);
    while (literal.find()) {
      MAVEN_NAME.matcher(literal.group()).results().forEach(name -> names.add(name.group()));
    }
    return names;
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
