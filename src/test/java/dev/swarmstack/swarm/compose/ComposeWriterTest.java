package dev.swarmstack.swarm.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.model.ComposeFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer against the CLI: what it writes, {@code docker stack config} reads back as the same stack. */
class ComposeWriterTest {

  private static final Path FIXTURES = ComposeSchemas.sharedDir().resolve("conformance/docker-cli");
  // the fixture expects this one from the environment; the others come from its env files
  private static final Map<String, String> ENV = Map.of("QUX", "qux_from_environment");

  private static String cliOutput;

  @TempDir
  Path dir;

  @BeforeAll
  static void normaliseTheFixtureWithTheCli() throws Exception {
    cliOutput = DockerStackConfig.text(ENV, FIXTURES.resolve("full-example.yml").toAbsolutePath());
  }

  /** The written file stands alone: nothing lies beside it, the env files' entries are in environment already. */
  @Test
  void theCliReadsTheWrittenFileAsTheSameStackWithoutItsEnvFiles() throws Exception {
    Path written =
        Files.writeString(dir.resolve("stack.yml"), ComposeWriter.write(bind(cliOutput)));

    String reread = DockerStackConfig.text(ENV, written);

    JsonNode expected = ComposeMapper.yaml().readTree(cliOutput);
    expected.path("services").forEach(service -> ((ObjectNode) service).remove("env_file"));
    assertEquals(expected, ComposeMapper.yaml().readTree(reread));
  }

  @Test
  void theWrittenFileIsValidForTheVersionItDeclares() throws Exception {
    JsonNode written = ComposeMapper.yaml().readTree(ComposeWriter.write(bind(cliOutput)));

    assertEquals(
        "3.13", written.get("version").asText()); // service networks' driver_opts need 3.13
    assertEquals(java.util.List.of(), ComposeSchemas.violations(written, 13));
  }

  @Test
  void writesTheSameBytesEveryTime() throws Exception {
    assertEquals(ComposeWriter.write(bind(cliOutput)), ComposeWriter.write(bind(cliOutput)));
  }

  @Test
  void insertionOrderOfMapsDoesNotChangeTheOutput() throws Exception {
    String forward = "x-ext: {b: 1, a: {d: 2, c: 3}}\n"
        + "services: {web: {image: nginx, environment: {B: '1', A: '2'}, labels: {z: '1', y: '2'}}}\n"
        + "networks: {front: {driver: overlay}, back: {driver: overlay}}\n";
    String backward = "networks: {back: {driver: overlay}, front: {driver: overlay}}\n"
        + "services: {web: {labels: {y: '2', z: '1'}, environment: {A: '2', B: '1'}, image: nginx}}\n"
        + "x-ext: {a: {c: 3, d: 2}, b: 1}\n";

    assertEquals(ComposeWriter.write(bind(forward)), ComposeWriter.write(bind(backward)));
  }

  @Test
  void looksLikeTheCliOutput() throws Exception {
    String yaml = ComposeWriter.write(bind("""
        services:
          web:
            image: nginx:1.27
            command: [nginx, -g, daemon off;]
            environment: {PORT: '8080', TOKEN: null}
            ulimits: {nproc: 65535, nofile: {soft: 1024, hard: 2048}}
            networks: {front: null}
        networks:
          front: {name: shared-front, external: true}
        """));

    assertEquals("""
        version: "3.5"
        services:
          web:
            command:
              - nginx
              - "-g"
              - daemon off;
            environment:
              PORT: "8080"
              TOKEN: null
            image: nginx:1.27
            networks:
              front: null
            ulimits:
              nofile:
                soft: 1024
                hard: 2048
              nproc: 65535
        networks:
          front:
            name: shared-front
            external: true
        """, yaml);
    assertTrue(yaml.endsWith("\n") && !yaml.contains("\r"));
    DockerStackConfig.text(
        ENV, Files.writeString(dir.resolve("look.yml"), yaml)); // fails unless 3.5 is enough
  }

  @Test
  void theCliAcceptsTheLowerVersionAndReadsTrickyStringsBack() throws Exception {
    Map<String, String> tricky = new java.util.TreeMap<>(Map.ofEntries(
        Map.entry("bool", "yes"),
        Map.entry("on", "on"),
        Map.entry("null", "null"),
        Map.entry("tilde", "~"),
        Map.entry("float", "3.0"),
        Map.entry("hex", "0x1F"),
        Map.entry("octal", "0755"),
        Map.entry("exp", "1e3"),
        Map.entry("inf", ".inf"),
        Map.entry("empty", ""),
        Map.entry("comment", "#not a comment"),
        Map.entry("colon", "a: b"),
        Map.entry("dash", "- item"),
        Map.entry("star", "*alias"),
        Map.entry("bang", "!tag"),
        Map.entry("quote", "it's \"quoted\""),
        Map.entry("lines", "one\ntwo\n"),
        Map.entry("spaces", "  padded  "),
        Map.entry("unicode", "grüße ✓"),
        Map.entry("dollar", "$HOME and ${PATH} and $$")));
    ObjectNode stack =
        (ObjectNode) ComposeMapper.yaml().readTree("services: {web: {image: nginx}}");
    ((ObjectNode) stack.at("/services/web"))
        .set("labels", ComposeMapper.json().valueToTree(tricky));
    String yaml = ComposeWriter.write(ComposeMapper.json().treeToValue(stack, ComposeFile.class));

    JsonNode reread = ComposeMapper.yaml()
        .readTree(DockerStackConfig.text(ENV, Files.writeString(dir.resolve("s.yml"), yaml)));

    assertTrue(yaml.startsWith("version: \"3.0\"\n"), yaml);
    assertEquals(ComposeMapper.json().valueToTree(tricky), reread.at("/services/web/labels"));
  }

  private static ComposeFile bind(String yaml) throws IOException {
    ObjectNode tree = (ObjectNode) ComposeMapper.yaml().readTree(yaml);
    return ComposeMapper.json().treeToValue(tree, ComposeFile.class);
  }
}
