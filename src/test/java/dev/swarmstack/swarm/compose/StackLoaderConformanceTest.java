package dev.swarmstack.swarm.compose;

import static dev.swarmstack.swarm.compose.DockerStackConfig.asData;
import static dev.swarmstack.swarm.compose.DockerStackConfig.assertSameData;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our loader against the real {@code docker stack config}, compared as data. */
class StackLoaderConformanceTest {

  private static final Path SHARED = Path.of(System.getProperty("swarm.sharedDir", "../shared"));

  @TempDir
  Path dir;

  @Test
  void fullExampleIsLoadedAsTheCliLoadsIt() throws Exception {
    copy(SHARED.resolve("conformance/docker-cli"), dir);
    // the CLI's own fixture expects QUX from the environment (see full-example.yaml.golden)
    Map<String, String> env = Map.of("QUX", "qux_from_environment");
    Path file = dir.resolve("full-example.yml");

    LoadedStack loaded = load(env, file);

    assertSameData(DockerStackConfig.run(env, file), asData(loaded.compose()));
  }

  @Test
  void generatedFullExampleIsTheSameStackForTheCli() throws Exception {
    copy(SHARED.resolve("conformance/docker-cli"), dir);
    Map<String, String> env = Map.of("QUX", "qux_from_environment");
    Path original = dir.resolve("full-example.yml");

    Path generated = Files.writeString(
        dir.resolve("generated.yml"), ComposeWriter.write(load(env, original).compose()));

    // the generated file carries the env files' entries in environment, not the files themselves
    JsonNode expected = DockerStackConfig.run(env, original);
    expected.path("services").forEach(service -> ((ObjectNode) service).remove("env_file"));
    assertSameData(expected, DockerStackConfig.run(env, generated));
  }

  @Test
  void laterFilesMergeAsTheCliMergesThem() throws Exception {
    copy(Path.of("src/test/resources/compose/merge"), dir);
    Map<String, String> env = Map.of("TAG", "1.2");
    Path base = dir.resolve("base.yml");
    Path override = dir.resolve("override.yml");

    LoadedStack loaded = load(env, base, override);

    assertSameData(DockerStackConfig.run(env, base, override), asData(loaded.compose()));
  }

  @Test
  void interpolationFollowsTheCli() throws Exception {
    copy(Path.of("src/test/resources/compose/interpolation"), dir);
    Map<String, String> env = Map.of(
        "SET",
        "value",
        "EMPTY",
        "",
        "PORT",
        "8080",
        "REPLICAS",
        "3",
        "RO",
        "yes",
        "NOFILE",
        "1024");
    Path file = dir.resolve("interpolation.yml");

    LoadedStack loaded = load(env, file);

    assertSameData(DockerStackConfig.run(env, file), asData(loaded.compose()));
  }

  @Test
  void shortAndListFormsNormaliseAsWithTheCli() throws Exception {
    copy(Path.of("src/test/resources/compose/forms"), dir);
    Map<String, String> env = Map.of("B", "from-env");
    Path file = dir.resolve("forms.yml");

    LoadedStack loaded = load(env, file);

    assertSameData(DockerStackConfig.run(env, file), asData(loaded.compose()));
  }

  @Test
  void anchorsAliasesAndMergeKeysResolveAsWithTheCli() throws Exception {
    Path file = Path.of("src/test/resources/compose/anchors/anchors.yml");

    LoadedStack loaded = load(Map.of(), file);

    assertSameData(DockerStackConfig.run(Map.of(), file), asData(loaded.compose()));
    assertEquals("busybox", loaded.compose().services().get("one").image());
  }

  static LoadedStack load(Map<String, String> env, Path... files) {
    Map<String, String> all = new HashMap<>(System.getenv());
    all.putAll(env);
    return new StackLoader(name -> Optional.ofNullable(all.get(name)))
        .load(
            List.of(files),
            new SourceTree(JsonNodeFactory.instance.objectNode(), new SourceMap()),
            Path.of("."));
  }

  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Files.copy(file, to.resolve(file.getFileName()));
      }
    }
  }
}
