package dev.swarmstack.swarm.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.swarmstack.swarm.compose.LoadedStack;
import dev.swarmstack.swarm.compose.StackLoader;
import dev.swarmstack.swarm.definition.StackDefinition.ContentFill;
import dev.swarmstack.swarm.definition.StackDefinition.SharedNetworkName;
import dev.swarmstack.swarm.problem.Origin;
import dev.swarmstack.swarm.problem.Problem;
import dev.swarmstack.swarm.problem.StackException;
import dev.swarmstack.swarm.testing.RecordingLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackDefinitionLoaderTest {

  @TempDir
  Path dir;

  private final List<String> log = new ArrayList<>();

  @Test
  void aSharedNetworkAServiceNamesIsDeclaredExternalAsIfTheComposeFileDid() throws IOException {
    Path compose = write("stack.yml", """
        services:
          api:
            image: local/busybox:1
            networks: [backbone, edge]
        networks:
          edge: {}
        """);
    Path declared = write("declared.yml", """
        services:
          api:
            image: local/busybox:1
            networks: [backbone, edge]
        networks:
          edge: {}
          backbone:
            external: true
            name: corp-backbone
        """);
    Map<String, SharedNetworkName> shared = Map.of(
        "backbone",
            new SharedNetworkName(
                "corp-backbone", Origin.pom("<sharedNetworks><network>backbone</network>")),
        "edge",
            new SharedNetworkName("edge", Origin.pom("<sharedNetworks><network>edge</network>")),
        "unused",
            new SharedNetworkName(
                "unused", Origin.pom("<sharedNetworks><network>unused</network>")));

    LoadedStack loaded = load(definition(compose, shared));

    LoadedStack expected =
        new StackLoader(name -> Optional.empty()).load(List.of(declared), null, dir);
    assertEquals(expected.compose().networks(), loaded.compose().networks());
    assertEquals(
        "<sharedNetworks><network>backbone</network>",
        loaded.origins().at("networks", "backbone").location());
  }

  @Test
  void errorsOfMappingLoadingContentsAndValidationComeTogetherAndWarningsAreLogged()
      throws IOException {
    Path compose = write("stack.yml", """
        services:
          api:
            image: local/busybox:1
            privileged: true
            networks: [missing]
        """);
    StackDefinition definition = new StackDefinition(
        "app",
        List.of(compose),
        null,
        List.of(Problem.error(Origin.pom("<services><service>[1]"), "mapping")),
        dir,
        name -> Optional.empty(),
        (stack, problems) -> {
          problems.error(Origin.pom("<secrets><secret>s</secret>"), "content");
          return stack;
        },
        Map.of());

    StackException thrown = assertThrows(StackException.class, () -> load(definition));

    assertEquals(
        List.of("mapping", "content"),
        thrown.problems().stream().map(Problem::message).limit(2).toList());
    assertEquals(3, thrown.problems().size(), thrown.getMessage());
    assertEquals(1, log.stream().filter(line -> line.startsWith("WARN ")).count(), log.toString());
  }

  private StackDefinition definition(Path compose, Map<String, SharedNetworkName> shared) {
    return new StackDefinition(
        "app",
        List.of(compose),
        null,
        List.of(),
        dir,
        name -> Optional.empty(),
        ContentFill.NONE,
        shared);
  }

  private LoadedStack load(StackDefinition definition) {
    return new StackDefinitionLoader(new RecordingLog(log)).load(definition);
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }
}
