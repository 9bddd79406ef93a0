package dev.swarmstack.swarm.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One stack file of the real-world corpus ({@code src/test/resources/corpus/<case>/}): the file byte-exact from a
 * public repository at a commit, the sidecar files it needs, and {@code case.yml}, its manifest entry: repository,
 * path, commit, licence, the variables a user would export to deploy it and, for the few files the CLI deploys
 * although the engine can never run them, {@code plugin_refuses}: what the plugin's refusal says.
 *
 * @param name the case's folder name
 * @param stackFile the stack file as taken from the repository
 * @param manifest {@code case.yml} as read
 */
record CorpusCase(String name, Path stackFile, JsonNode manifest) {

  static final Path ROOT = Path.of("src/test/resources/corpus");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Every case, by folder name. */
  static List<CorpusCase> all() {
    try (Stream<Path> folders = Files.list(ROOT)) {
      List<CorpusCase> cases = new ArrayList<>();
      for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
        cases.add(read(folder));
      }
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + ROOT, e);
    }
  }

  private static CorpusCase read(Path folder) throws IOException {
    JsonNode manifest = YAML.readTree(folder.resolve("case.yml").toFile());
    return new CorpusCase(
        folder.getFileName().toString(), folder.resolve(manifest.path("file").asText()), manifest);
  }

  /** The variables the case's user exports, as strings (YAML may have read a port as a number). */
  Map<String, String> variables() {
    Map<String, String> variables = new LinkedHashMap<>();
    manifest
        .path("variables")
        .properties()
        .forEach(entry -> variables.put(entry.getKey(), entry.getValue().asText()));
    return variables;
  }

  /** The case's folder, which the sidecar paths of {@code case.yml} are relative to. */
  Path folder() {
    return ROOT.resolve(name);
  }

  /** The sidecar files the case names, from the repository and written for the test. */
  List<String> sidecars() {
    List<String> files = new ArrayList<>();
    for (String field : List.of("from_repository", "stubs")) {
      manifest.path(field).forEach(file -> files.add(file.asText()));
    }
    return files;
  }

  String text(String field) {
    return manifest.path(field).asText("");
  }

  @Override
  public String toString() {
    return name;
  }
}
