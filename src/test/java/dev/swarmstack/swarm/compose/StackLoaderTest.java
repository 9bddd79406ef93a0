package dev.swarmstack.swarm.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.model.Service;
import dev.swarmstack.swarm.problem.Origin;
import dev.swarmstack.swarm.problem.Problem;
import dev.swarmstack.swarm.problem.StackException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StackLoaderTest {

  private static final Path COMPOSE = Path.of("src/test/resources/compose");

  @org.junit.jupiter.api.io.TempDir
  Path dir;

  @Test
  void reportsEveryErrorAtOnceWithFileLineAndColumn() {
    Path file = COMPOSE.resolve("errors/stack.yml");

    StackException e = assertThrows(StackException.class, () -> load(Map.of(), file));

    List<String> problems = e.problems().stream().map(Problem::toString).toList();
    assertEquals(
        List.of(
            file
                + ":7:5: compose file contains unsupported options: extends: Support for `extends` is not implemented yet.",
            file
                + ":12:7: Additional property restart_polcy is not allowed: did you mean \"restart_policy\"?",
            file
                + ":3:12: required variable IMAGE is missing a value: set IMAGE to the image to deploy"
                + " (set it in the environment, as a Maven property or in .env)",
            file
                + ":16:19: memory: invalid size 'lots': use a number of bytes with an optional unit, e.g. 512M, 1g or 1048576",
            file
                + ":6:9: invalid port '80:http': use [ip:][published:]target[/protocol], e.g. 8080:80,"
                + " 9090-9091:8080-8081 or 53:53/udp",
            file
                + ":4:24: stop_grace_period: invalid duration '10 seconds': use a number with a unit, e.g. 30s, 1m30s, 500ms or 2h",
            file + ":11:17: services.api.deploy.replicas must be an integer, not 'three'"),
        problems);
  }

  @Test
  void warnsAboutKeysSwarmIgnoresInTheCliWords() {
    Path file = COMPOSE.resolve("errors/stack.yml");

    StackException e = assertThrows(StackException.class, () -> load(Map.of(), file));

    assertTrue(e.problems().stream().allMatch(Problem::isError), "warnings are not errors");
  }

  @Test
  void yamlSyntaxErrorNamesThePlaceAndKeepsItsCause() throws Exception {
    Path file = write("quote.yml", "services:\n  web:\n    image: \"nginx\n");

    assertEquals(
        List.of(
            file
                + ":3:12: invalid YAML: while scanning a quoted scalar: found unexpected end of stream (at 4:1)"),
        errors(file));
  }

  @Test
  void anEmptyFileIsRefusedAsByTheCli() throws Exception {
    String refusal =
        ":1:1: top-level object must be a mapping, and this file is empty (or holds only comments):"
            + " declare the stack's services in it, e.g. services: {web: {image: nginx}}, or leave the file out";
    Path empty = write("empty.yml", "");
    Path comments = write("comments.yml", "# services come later\n");

    assertEquals(List.of(empty + refusal), errors(empty));
    assertEquals(List.of(comments + refusal), errors(comments));
  }

  @Test
  void anAliasBombIsRefusedAtTheAliasThatGoesPastTheLimitNotExpanded() throws Exception {
    List<String> billionLaughs = ComposeMutationFuzzTest.aliasBomb(9, 10);
    Path file = write(
        "bomb.yml",
        "services:\n  web:\n    image: nginx\n" + String.join("\n", billionLaughs) + "\n");

    assertEquals(
        List.of(file
            + ":9:27: the aliases in this file expand to more than 100000 values (an alias bomb?):"
            + " refer to fewer anchors, or write the values out"),
        errors(file));
  }

  @Test
  void aPathNoFileCanHaveIsAProblemNotACrash() throws Exception { // found by PomMappingFuzzTest
    Path file = write("paths.yml", """
        services:
          web:
            image: nginx
            env_file: ["a\\0b.env"]
            volumes: [{type: bind, source: "/srv/\\uD800", target: /srv}]
        secrets:
          token: {file: "\\uDC00.txt"}
        """);
    String fix =
        "; fix the path (a NUL character or a lone surrogate such as \\uD800 can't be in a file name)";

    assertEquals(
        List.of(
            file + ":4:16: not a path: nul character not allowed" + fix,
            file + ":5:36: not a path: malformed input or input contains unmappable characters"
                + fix,
            file + ":7:17: not a path: malformed input or input contains unmappable characters"
                + fix),
        errors(file));
  }

  @Test
  void aMissingFileOrADirectorySaysSo() {
    Path missing = dir.resolve("missing.yml");

    assertEquals(
        List.of(missing
            + ": compose file not found: fix the path in --compose-files (a relative path starts at"
            + " the project's base directory)"),
        errors(missing));
    assertEquals(
        List.of(dir + ": this is a directory, not a compose file: name a file in --compose-files"),
        errors(dir));
  }

  @Test
  void aStackWithoutServicesIsRefused() throws Exception {
    Path braces = write("braces.yml", "{}\n");
    Path noServices =
        write("no-services.yml", "version: \"3.8\"\nservices: {}\nnetworks: {back: {}}\n");

    assertEquals(
        List.of(braces + ": the stack has no services: declare at least one under services: in "
            + braces + ", or as <services><service> in the plugin's <configuration>"),
        errors(braces));
    assertEquals(
        List.of(
            noServices + ":2:1: the stack has no services: declare at least one under services: in "
                + noServices + ", or as <services><service> in the plugin's <configuration>"),
        errors(noServices));
  }

  @Test
  void aMistypedKeyIsReportedOnce() throws Exception {
    Path file = write(
        "typo.yml",
        "services:\n  web:\n    image: nginx\n    healthchek: true\n    deploy: {replica: 2}\n");

    assertEquals(
        List.of(
            file
                + ":4:5: Additional property healthchek is not allowed: did you mean \"healthcheck\"?",
            file + ":5:14: Additional property replica is not allowed: did you mean \"replicas\"?"),
        errors(file));
  }

  @Test
  void aLenientLoadKeepsWhatFitsForValidation() throws Exception {
    Path file = write(
        "stack.yml",
        "services:\n  web:\n    image: nginx\n    stop_grace_period: 90\n"
            + "    networks: [lan, nowhere]\n    deploy: {replicas: three}\nnetworks:\n  lan: {driver: bridge}\n");

    LoadedStack stack =
        new StackLoader(name -> Optional.empty()).loadLeniently(List.of(file), null, dir);

    assertEquals(
        List.of(
            file
                + ":4:24: stop_grace_period: invalid duration '90': use a number with a unit, e.g. 30s,"
                + " 1m30s, 500ms or 2h",
            file + ":6:24: services.web.deploy.replicas must be an integer, not 'three'"),
        stack.problems().stream().map(Problem::toString).toList());
    assertEquals(
        List.of("lan", "nowhere"),
        List.copyOf(stack.compose().services().get("web").networks().keySet()));
  }

  @Test
  void unquotedVersionFailsAsWithTheCli() {
    Path file = COMPOSE.resolve("errors/version.yml");

    StackException e = assertThrows(StackException.class, () -> load(Map.of(), file));

    assertEquals(
        file + ":1:10: version must be a string: quote it, e.g. version: \"3\"", e.getMessage());
  }

  @Test
  void keysNewerThanTheDeclaredVersionNameTheVersionTheyNeed() {
    Path file = COMPOSE.resolve("errors/old-version.yml");

    StackException e = assertThrows(StackException.class, () -> load(Map.of(), file));

    assertEquals(
        List.of(
            file
                + ":5:5: key init needs compose file format 3.7 or later, and this file declares version \"3.1\": raise it to \"3.7\"",
            file
                + ":8:9: the long syntax of this entry needs compose file format 3.6 or later, and this file declares version \"3.1\": raise it to \"3.6\"",
            file
                + ":9:1: key configs needs compose file format 3.3 or later, and this file declares version \"3.1\": raise it to \"3.3\""),
        e.problems().stream().map(Problem::toString).toList());
  }

  @Test
  void dotEnvBesideTheFirstFileHasTheLowestPrecedence() {
    LoadedStack loaded = load(Map.of("IN_BOTH", "caller"), COMPOSE.resolve("dotenv/stack.yml"));

    Service app = loaded.compose().services().get("app");
    assertEquals("busybox:from-dotenv", app.image());
    assertEquals(
        Map.of("FROM_DOTENV", "dotenv-value", "OVERRIDDEN", "caller", "UNSET", ""),
        app.environment());
    assertEquals(
        List.of("The \"NOWHERE\" variable is not set. Defaulting to a blank string."),
        loaded.warnings().stream().map(Problem::message).toList());
  }

  @Test
  void ignoredAndDeprecatedKeysAreWarnings() {
    LoadedStack loaded = StackLoaderConformanceTest.load(
        Map.of("QUX", "q"),
        Path.of(
            System.getProperty("swarm.sharedDir", "../shared"),
            "conformance/docker-cli/full-example.yml"));

    List<String> warnings = loaded.warnings().stream().map(Problem::message).toList();
    assertTrue(
        warnings.contains(
            "Ignoring unsupported options: build, cgroup_parent, devices, domainname, external_links,"
                + " ipc, links, mac_address, network_mode, pid, privileged, restart, security_opt"),
        warnings.toString());
    assertTrue(
        warnings.contains(
            "Ignoring deprecated options: container_name: Setting the container name is not supported."));
    assertTrue(
        warnings.contains(
            "network other-external-network: network.external.name is deprecated in favor of network.name"));
    assertTrue(warnings.contains(
        "ignoring IP-address (127.0.0.1:8001:8001/tcp) service will listen on '0.0.0.0'"));
    assertTrue(
        warnings.contains(
            "ignoring IP-address (127.0.0.1:5000-5010:5000-5010/tcp) service will listen on '0.0.0.0'"),
        "one warning for the range, not one per port");
  }

  @Test
  void dockerCliFullExampleReportsEachProblemOnce() {
    LoadedStack loaded = StackLoaderConformanceTest.load(
        Map.of("QUX", "q"),
        Path.of(
            System.getProperty("swarm.sharedDir", "../shared"),
            "conformance/docker-cli/full-example.yml"));

    List<Problem> problems = new java.util.ArrayList<>(loaded.problems());
    problems.addAll(new dev.swarmstack.swarm.validate.StackValidator("full").validate(loaded));

    assertEquals(
        List.of(),
        problems.stream()
            .filter(p -> java.util.Collections.frequency(problems, p) > 1)
            .distinct()
            .toList());
    assertEquals(
        1,
        problems.stream()
            .filter(p -> p.message().contains("endpoint_mode dnsrr"))
            .count(),
        problems.toString());
  }

  @Test
  void pomDefinitionsMergeOnTopAndKeepTheirOrigins() {
    ObjectNode pom = JsonNodeFactory.instance.objectNode();
    ObjectNode api = pom.putObject("services").putObject("web");
    api.putObject("deploy").put("replicas", 7);
    api.putArray("ports").add("9000:9000");
    SourceMap origins = new SourceMap();
    origins.put(
        SourceMap.pointer("services", "web", "deploy", "replicas"),
        Origin.pom("<services><service>web</service><replicas>"));

    LoadedStack loaded = new StackLoader(name -> Optional.empty())
        .load(
            List.of(COMPOSE.resolve("merge/base.yml")), new SourceTree(pom, origins), Path.of("."));

    Service web = loaded.compose().services().get("web");
    assertEquals(7L, web.deploy().replicas());
    assertEquals(
        List.of(80, 443, 9000),
        web.ports().stream().map(Service.Port::published).toList());
    assertEquals(
        "<services><service>web</service><replicas>",
        loaded.origins().at("services", "web", "deploy", "replicas").location());
    assertTrue(
        loaded.origins().at("services", "web", "image").location().endsWith("base.yml:4:12"),
        loaded.origins().at("services", "web", "image").location());
  }

  @Test
  void withoutComposeFilesThePomResolvesAgainstTheBaseDirectory() {
    ObjectNode pom = JsonNodeFactory.instance.objectNode();
    pom.putObject("secrets").putObject("tls").put("file", "src/main/swarm/tls.pem");
    pom.putObject("services")
        .putObject("api")
        .put("image", "api:1")
        .putArray("volumes")
        .add("./data:/data");
    Path baseDir = Path.of("/project");

    LoadedStack loaded = new StackLoader(name -> Optional.empty())
        .load(List.of(), new SourceTree(pom, new SourceMap()), baseDir);

    assertEquals(
        "/project/src/main/swarm/tls.pem", loaded.compose().secrets().get("tls").file());
    assertEquals(
        "/project/data", loaded.compose().services().get("api").volumes().get(0).source());
    assertEquals(baseDir, loaded.workingDir());
    assertEquals("3.13", loaded.compose().version());
  }

  @Test
  void aServiceMustBeAMapping() {
    ObjectNode pom = JsonNodeFactory.instance.objectNode();
    pom.putObject("services").putNull("api");
    SourceMap origins = new SourceMap();
    origins.put(
        SourceMap.pointer("services", "api"), Origin.pom("<services><service>api</service>"));

    StackException e =
        assertThrows(StackException.class, () -> new StackLoader(name -> Optional.empty())
            .load(List.of(), new SourceTree(pom, origins), Path.of(".")));

    assertEquals(
        "<services><service>api</service>: services.api must be a mapping, e.g. api: {image: nginx}",
        e.getMessage());
  }

  @Test
  void portsThatTheCliWouldDropOnMergeSurvive() {
    // cli#6223: the CLI keys ports by published port only, so these collapse to one each
    LoadedStack loaded =
        load(Map.of(), COMPOSE.resolve("merge/ports-a.yml"), COMPOSE.resolve("merge/ports-b.yml"));

    List<String> ports = loaded.compose().services().get("dns").ports().stream()
        .map(p -> p.published() + ":" + p.target() + "/" + p.protocol() + " " + p.mode())
        .toList();
    assertEquals(
        List.of(
            "null:9000/tcp ingress",
            "null:9001/tcp ingress",
            "53:53/tcp ingress",
            "53:53/udp ingress"),
        ports);
  }

  private Path write(String name, String content) throws java.io.IOException {
    return java.nio.file.Files.writeString(dir.resolve(name), content);
  }

  private List<String> errors(Path file) {
    return assertThrows(StackException.class, () -> load(Map.of(), file)).problems().stream()
        .map(Problem::toString)
        .toList();
  }

  private static LoadedStack load(Map<String, String> env, Path... files) {
    return new StackLoader(name -> Optional.ofNullable(env.get(name)))
        .load(
            List.of(files),
            new SourceTree(JsonNodeFactory.instance.objectNode(), new SourceMap()),
            Path.of("."));
  }
}
