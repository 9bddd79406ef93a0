package dev.swarmstack.swarm.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swarmstack.swarm.compose.ComposeMapper;
import dev.swarmstack.swarm.compose.LoadedStack;
import dev.swarmstack.swarm.compose.SourceMap;
import dev.swarmstack.swarm.model.ComposeFile;
import dev.swarmstack.swarm.testing.FreePorts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Differential test against the real CLI: each case is deployed twice on the engine, once by {@code docker
 * stack deploy} and once from our converted specs through the raw Engine API, and what the engine then holds
 * is compared. The engine adds its defaults to both alike, so any difference is ours. The two stacks differ
 * only in their name (and in a subnet, which must not overlap); both are written as placeholders before
 * comparing, and object IDs are replaced by object names.
 */
class ConverterConformanceIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** The most ports a case publishes with a fixed number ({@code ${PORT1}}...; one after the other for a range). */
  private static final int PUBLISHED_PORTS = 6;

  @ParameterizedTest
  @ValueSource(strings = {"full.yml", "modes.yml", "external.yml"})
  void specsMatchWhatTheCliDeploys(String caseFile, @TempDir Path dir) throws IOException {
    writeCase(caseFile, dir);
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> ports = FreePorts.variables("PORT", PUBLISHED_PORTS);
    StackDeployment cli = new StackDeployment("cvc" + suffix, "10.123.1.0/24", ports, dir);
    StackDeployment ours =
        new StackDeployment(StackDeployment.OURS_PREFIX + suffix, "10.123.2.0/24", ports, dir);
    ExternalObjects externals = new ExternalObjects(cli.docker, suffix);
    try {
      externals.create();
      cli.docker.run("docker", "image", "inspect", "local/busybox:1");
      String normalised = ours.docker.run("docker", "stack", "config", "-c", "case.yml");
      ComposeFile compose = ComposeMapper.yaml().readValue(normalised, ComposeFile.class);
      ConvertedStack converted = new StackConverter(
              ours.stack, key -> Optional.ofNullable(System.getenv(key)))
          .convert(new LoadedStack(compose, new SourceMap(), List.of(), dir));

      // one after the other: both would publish the same ingress ports
      Map<String, JsonNode> expected = new LinkedHashMap<>();
      try (RecordingProxy proxy = new RecordingProxy(dir)) {
        cli.docker.run(
            "docker",
            "-H",
            proxy.host(),
            "stack",
            "deploy",
            "--resolve-image",
            "never",
            "-c",
            "case.yml",
            cli.stack);
        for (RecordingProxy.Request request : proxy.requests()) {
          if (request.method().equals("POST")
              && request.path().matches("/(networks|secrets|configs|services)/create")) {
            cli.recordSent(request.path(), JSON.readTree(request.body()));
          }
        }
      }
      cli.learnIds();
      expected.putAll(cli.sentNormalised());
      expected.putAll(cli.read(converted));
      cli.remove();
      ours.deploy(converted);
      Map<String, JsonNode> actual = new LinkedHashMap<>(ours.sentNormalised());
      actual.putAll(ours.read(converted));

      // kept for a reader who wants to see what was compared
      Path report = Path.of("target", "conformance", caseFile.replace(".yml", ".cli.json"));
      Files.createDirectories(report.getParent());
      Files.writeString(report, JsonComparison.pretty(JSON.valueToTree(expected)));

      int values = 0;
      for (Map.Entry<String, JsonNode> entry : expected.entrySet()) {
        values += assertSame(entry.getKey(), entry.getValue(), actual.get(entry.getKey()));
      }
      System.out.printf(
          "%s: %d services, %d networks, %d secrets, %d configs equal (%d values compared)%n",
          caseFile,
          converted.services().size(),
          converted.networks().size(),
          converted.secrets().size(),
          converted.configs().size(),
          values);
    } finally {
      cli.remove();
      ours.remove();
      externals.remove();
    }
  }

  private static int assertSame(String what, JsonNode expected, JsonNode actual)
      throws IOException {
    assertFalse(expected.isMissingNode() || actual == null, what + " not found");
    assertEquals(
        JsonComparison.pretty(expected),
        JsonComparison.pretty(actual),
        what + " differs from what the CLI deployed");
    return JsonComparison.countLeaves(expected);
  }

  private static void writeCase(String caseFile, Path dir) throws IOException {
    try (InputStream in =
        ConverterConformanceIT.class.getResourceAsStream("/convert/cases/" + caseFile)) {
      Files.write(dir.resolve("case.yml"), in.readAllBytes());
    }
    Files.writeString(dir.resolve("secret.txt"), "not-a-real-secret\n");
    Files.writeString(dir.resolve("config.txt"), "stack {{ .Service.Name }}\n");
    Files.writeString(dir.resolve("cred.json"), "{}\n");
    Files.writeString(
        dir.resolve("one.env"),
        "# env file\nFROM_FILE=file\nOVERRIDDEN=by-file\n  SPACED=kept as is \n");
  }
}
