package dev.swarmstack.swarm.differential;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.swarmstack.swarm.deploy.DeployOptions;
import dev.swarmstack.swarm.deploy.ResolveImage;
import dev.swarmstack.swarm.engine.DockerConfigCredentials;
import dev.swarmstack.swarm.testing.Cli;
import dev.swarmstack.swarm.testing.TestRegistry;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The plugin deploys what {@code docker stack deploy} deploys: each compose case under
 * {@code src/test/resources/differential/} is deployed by the CLI (the oracle) and by the plugin's core under two
 * stack names, and every service, network, secret and config of the two stacks must have the same spec once the
 * stack names and engine-assigned ids are normalised ({@link StackSnapshot}). Where the two tools differ on
 * purpose (redeploying unchanged services, pruning) the difference itself is asserted.
 */
class DeployDifferentialIT {

  /** The cases deployed once and again unchanged; "images" and "floats" hold forms that real stack files use. */
  private static final List<String> CASES = List.of(
      "container", "deploy", "network", "storage", "full", "modes", "external", "images", "floats");

  private static final DeployOptions NEVER_RESOLVE =
      new DeployOptions(false, ResolveImage.NEVER, host -> Optional.empty(), Duration.ofMinutes(1));
  private static final String[] CLI_NEVER_RESOLVE = {"--resolve-image", "never"};
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static final Cli DOCKER = Cli.docker();
  /** The name of a swarm-scoped network, a secret and a config outside any stack, which cases declare external. */
  private static final String EXTERNAL =
      "difftest-external-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeAll
  static void createExternalObjects() {
    DOCKER.ok("network", "create", "--driver", "overlay", "--attachable", EXTERNAL);
    DOCKER.okWithInput("external secret", "secret", "create", EXTERNAL, "-");
    DOCKER.okWithInput("external config", "config", "create", EXTERNAL, "-");
  }

  @AfterAll
  static void removeExternalObjects() {
    DOCKER.run("secret", "rm", EXTERNAL);
    DOCKER.run("config", "rm", EXTERNAL);
    // the stacks using it were removed with their test; their tasks may hold it for a few seconds
    for (int attempt = 0;
        attempt < 30
            && DOCKER.run("network", "rm", EXTERNAL).exitCode() != 0
            && DOCKER.run("network", "inspect", EXTERNAL).exitCode() == 0;
        attempt++) {
      Deployments.sleep(Duration.ofSeconds(1));
    }
  }

  /**
   * Each tool deploys the case, then deploys it again unchanged; then its stack is removed before the other tool's
   * turn, because two stacks can't publish the same ingress ports or hold the same subnet.
   */
  @ParameterizedTest
  @MethodSource("cases")
  void sameSpecsAsTheCliAndANoOpRedeployWritesNothing(String name) throws Exception {
    Path file = caseFile(name, "stack.yml");
    try (Deployments deployments = new Deployments(EXTERNAL)) {
      Deployments.Pair pair = deployments.pair();
      Twice byCli = deployTwice(
          deployments,
          pair.cli(),
          same -> deployments.cli(same, pair.cli(), CLI_NEVER_RESOLVE),
          file,
          file);
      Twice byPlugin = deployTwice(
          deployments,
          pair.plugin(),
          same -> deployments.plugin(same, pair.plugin(), NEVER_RESOLVE),
          file,
          file);

      assertSameStack(name, byCli.first(), byPlugin.first());
      assertAll(
          () -> assertEquals(
              List.of(),
              byPlugin.redeployWrites(),
              () -> "the plugin's no-op redeploy writes nothing; "
                  + String.join("\n", deployments.log)),
          () -> assertEquals(
              byPlugin.first().serviceVersions(),
              byPlugin.again().serviceVersions(),
              "no plugin service was updated"),
          () -> assertEveryVersionChanged(
              byCli.first().serviceVersions(), byCli.again().serviceVersions()),
          () -> assertSameStack(name + " after redeploying", byCli.again(), byPlugin.again()));
    }
  }

  static List<String> cases() {
    return CASES;
  }

  /** A stack as one tool deployed it, as the same tool deployed it again, and the plugin's writes meanwhile. */
  private record Twice(StackSnapshot first, StackSnapshot again, List<String> redeployWrites) {}

  /** Deploys {@code first}, then {@code second} (the same file for a no-op redeploy), then removes the stack. */
  private static Twice deployTwice(
      Deployments deployments, String stack, Consumer<Path> deploy, Path first, Path second) {
    deploy.accept(first);
    StackSnapshot before = deployments.snapshot(stack);
    deployments.counter.reset();
    deploy.accept(second);
    List<String> writes = deployments.counter.writes();
    StackSnapshot after = deployments.snapshot(stack);
    deployments.remove(stack);
    return new Twice(before, after, writes);
  }

  /**
   * With rotation (the deploy goal's default) the plugin names secrets and configs after their content; the stack
   * file {@code swarm:generate} writes carries those names, so {@code docker stack deploy} of it gives the same stack.
   */
  @Test
  void theGeneratedStackFileDeploysByTheCliAsThePluginDeploysWithRotation(@TempDir Path dir)
      throws Exception {
    Path file = caseFile("storage", "stack.yml");
    try (Deployments deployments = new Deployments(EXTERNAL)) {
      Deployments.Pair pair = deployments.pair();
      Path generated = dir.resolve("generated.yml");
      Files.writeString(generated, deployments.generated(file, pair.cli()));
      deployments.cli(generated, pair.cli(), CLI_NEVER_RESOLVE);
      StackSnapshot byCli = deployments.snapshot(pair.cli());
      deployments.remove(pair.cli());
      deployments.plugin(file, pair.plugin(), NEVER_RESOLVE, true);
      StackSnapshot byPlugin = deployments.snapshot(pair.plugin());

      assertTrue(
          byPlugin.secrets().keySet().stream().allMatch(name -> name.matches(".+-[0-9a-f]{8}")),
          byPlugin.secrets().keySet().toString());
      assertSameStack("storage, rotated", byCli, byPlugin);
    }
  }

  /**
   * The CLI and the plugin both pin the image to the digest the authenticated registry reports, and leave the images
   * no registry answers for (here Docker Hub's) unpinned alike.
   */
  @Test
  void anImageInAnAuthenticatedRegistryIsPinnedToTheSameDigest(@TempDir Path dockerConfig)
      throws Exception {
    Cli loggedIn = TestRegistry.loggedIn(dockerConfig);
    Path file = caseFile("registry", "stack.yml");
    DockerConfigCredentials credentials = loginStoredIn(dockerConfig);
    String pushed = DOCKER
        .ok(
            "image",
            "inspect",
            "--format",
            "{{index .RepoDigests 0}}",
            "127.0.0.1:5000/swarmtest/busybox:1")
        .strip();
    String digest = pushed.substring(pushed.indexOf('@') + 1);
    try (Deployments deployments =
        new Deployments(EXTERNAL, Map.of("DIFFTEST_REGISTRY_DIGEST", digest))) {
      Deployments.Pair pair = deployments.pair();
      deployments.cli(
          loggedIn.withEnvironment(deployments.variables(pair.cli())),
          file,
          pair.cli(),
          "--with-registry-auth",
          "--resolve-image",
          "always");
      deployments.plugin(
          file,
          pair.plugin(),
          new DeployOptions(
              false, ResolveImage.ALWAYS, credentials::forRegistry, Duration.ofMinutes(1)));
      StackSnapshot byCli = deployments.snapshot(pair.cli());
      StackSnapshot byPlugin = deployments.snapshot(pair.plugin());

      assertEquals(
          "127.0.0.1:5000/swarmtest/busybox:1@" + digest,
          image(byCli, "private"),
          "the CLI pinned the pushed digest");
      assertEquals(
          "127.0.0.1:5000/swarmtest/busybox@" + digest,
          image(byCli, "private-by-digest"),
          "the CLI kept the digest named");
      assertEquals(
          "127.0.0.1:5000/swarmtest/busybox:1@" + digest,
          image(byCli, "private-tag-and-digest"),
          "the CLI kept the tag and the digest named");
      assertEquals(
          "127.0.0.1:5000/swarmtest/busybox:latest",
          image(byCli, "private-untagged"),
          "the CLI tagged the image the registry doesn't have as latest, unpinned");
      // Docker Hub is out of reach here: the CLI sends official images unpinned, in their familiar
      // form, tagged, and without platforms; the plugin warns where the CLI's create stays silent
      assertEquals("busybox:1", image(byCli, "library-short-name"));
      assertEquals("redis:latest", image(byCli, "library-untagged"));
      assertTrue(
          deployments.log.stream()
              .anyMatch(line ->
                  line.startsWith("WARN image busybox:1 could not be accessed on a registry")),
          () -> String.join("\n", deployments.log));
      for (String service : List.of("<stack>_library-short-name", "<stack>_library-untagged")) {
        assertTrue(
            byCli
                .services()
                .get(service)
                .at("/TaskTemplate/Placement/Platforms")
                .isMissingNode(),
            service);
      }
      // both record the platforms the registry lists for the image, so the scheduler only picks
      // nodes that can run it
      for (String service : List.of(
          "<stack>_private", "<stack>_private-by-digest", "<stack>_private-tag-and-digest")) {
        assertEquals(
            "[{\"Architecture\":\"amd64\",\"OS\":\"linux\"}]",
            byCli
                .services()
                .get(service)
                .at("/TaskTemplate/Placement/Platforms")
                .toString(),
            service);
      }
      assertSameStack("registry", byCli, byPlugin);
    }
  }

  /**
   * With {@code --resolve-image changed} the CLI pins every image on create, and on a redeploy only the images that
   * changed; the unchanged one keeps its pinned digest. The plugin's {@link ResolveImage#CHANGED} does the same,
   * and updates only the changed service.
   */
  @Test
  void resolveImageChangedPinsLikeTheCliOnCreateAndOnlyTheChangedImageOnRedeploy(
      @TempDir Path dockerConfig) throws Exception {
    Cli loggedIn = TestRegistry.loggedIn(dockerConfig);
    String second = TestRegistry.secondTag(loggedIn);
    DeployOptions changed = new DeployOptions(
        false,
        ResolveImage.CHANGED,
        loginStoredIn(dockerConfig)::forRegistry,
        Duration.ofMinutes(1));
    Path v1 = caseFile("resolve-changed", "v1.yml");
    Path v2 = caseFile("resolve-changed", "v2.yml");
    try (Deployments deployments = new Deployments(EXTERNAL)) {
      Deployments.Pair pair = deployments.pair();
      Twice byCli = deployTwice(
          deployments,
          pair.cli(),
          file -> deployments.cli(
              loggedIn.withEnvironment(deployments.variables(pair.cli())),
              file,
              pair.cli(),
              "--with-registry-auth",
              "--resolve-image",
              "changed"),
          v1,
          v2);
      Twice byPlugin = deployTwice(
          deployments,
          pair.plugin(),
          file -> deployments.plugin(file, pair.plugin(), changed),
          v1,
          v2);

      String digest = DOCKER
          .ok(
              "image",
              "inspect",
              "--format",
              "{{index .RepoDigests 0}}",
              TestRegistry.REPOSITORY + ":1")
          .strip()
          .replaceFirst(".*@", "@");
      assertEquals(
          TestRegistry.REPOSITORY + ":1" + digest,
          image(byCli.first(), "kept"),
          "the CLI pinned on create");
      assertEquals(
          second + digest, image(byCli.again(), "changed"), "the CLI pinned the changed image");
      assertEquals(
          image(byCli.first(), "kept"),
          image(byCli.again(), "kept"),
          "the CLI kept the pinned image");
      // where the two differ on purpose: the CLI sends the unchanged service without the platforms
      // it pinned, so
      // the engine drops them and updates it; the plugin leaves that service as it was
      assertAll(
          () ->
              assertSameStack("created with resolveImage=changed", byCli.first(), byPlugin.first()),
          () -> assertSameStack(
              "redeployed with resolveImage=changed",
              byCli.again(),
              withoutPlatforms(byPlugin.again(), "<stack>_kept")),
          () -> assertEquals(
              byPlugin.first().services().get("<stack>_kept"),
              byPlugin.again().services().get("<stack>_kept"),
              "the plugin keeps the unchanged service's pinned image and platforms"),
          () -> assertEquals(
              List.of("updateService"), byPlugin.redeployWrites(), "only the changed service"));
    }
  }

  private static StackSnapshot withoutPlatforms(StackSnapshot stack, String service) {
    SortedMap<String, JsonNode> services = new TreeMap<>(stack.services());
    ObjectNode spec = services.get(service).deepCopy();
    if (spec.at("/TaskTemplate/Placement") instanceof ObjectNode placement) {
      placement.remove("Platforms");
    }
    services.put(service, spec);
    return new StackSnapshot(
        services, stack.serviceVersions(), stack.networks(), stack.secrets(), stack.configs());
  }

  private static String image(StackSnapshot stack, String service) {
    return stack
        .services()
        .get("<stack>_" + service)
        .at("/TaskTemplate/ContainerSpec/Image")
        .asText();
  }

  /** What {@code docker login} stored in {@code dockerConfig}: the password itself, not a credential helper's. */
  private static DockerConfigCredentials loginStoredIn(Path dockerConfig) throws IOException {
    DockerConfigCredentials credentials = DockerConfigCredentials.read(dockerConfig);
    assertTrue(
        credentials.forRegistry(TestRegistry.HOST).isPresent(),
        "docker login stored the password in " + dockerConfig + ", not in a credential helper");
    return credentials;
  }

  /**
   * Version 1, then version 2 with both tools (one after the other: v2 publishes a port): same result; the plugin
   * updates only the changed service, the CLI both.
   */
  @Test
  void updatingAChangedServiceGivesTheSameSpecs() throws Exception {
    Path v1 = caseFile("update", "v1.yml");
    Path v2 = caseFile("update", "v2.yml");
    try (Deployments deployments = new Deployments(EXTERNAL)) {
      Deployments.Pair pair = deployments.pair();
      Twice byCli = deployTwice(
          deployments,
          pair.cli(),
          file -> deployments.cli(file, pair.cli(), CLI_NEVER_RESOLVE),
          v1,
          v2);
      Twice byPlugin = deployTwice(
          deployments,
          pair.plugin(),
          file -> deployments.plugin(file, pair.plugin(), NEVER_RESOLVE),
          v1,
          v2);

      assertSameStack("update to v2", byCli.again(), byPlugin.again());
      assertNotEquals(
          byPlugin.first().services().get("<stack>_changed"),
          byPlugin.again().services().get("<stack>_changed"));
      assertEquals(
          List.of("updateService"),
          byPlugin.redeployWrites(),
          "only the changed service is updated");
      assertEquals(
          byPlugin.first().serviceVersions().get("<stack>_same"),
          byPlugin.again().serviceVersions().get("<stack>_same"));
      assertEveryVersionChanged(byCli.first().serviceVersions(), byCli.again().serviceVersions());
    }
  }

  /**
   * {@code docker stack deploy --prune} removes the services no longer declared and nothing else (cli#203);
   * the plugin's prune also removes the stack's networks, secrets and configs no longer declared.
   */
  @Test
  void pruneRemovesWhatTheCliLeavesBehind() throws Exception {
    try (Deployments deployments = new Deployments(EXTERNAL)) {
      Deployments.Pair pair = deployments.pair();
      deployments.cli(caseFile("prune", "v1.yml"), pair.cli(), CLI_NEVER_RESOLVE);
      deployments.plugin(caseFile("prune", "v1.yml"), pair.plugin(), NEVER_RESOLVE);

      deployments.cli(
          caseFile("prune", "v2.yml"), pair.cli(), "--prune", "--resolve-image", "never");
      deployments.plugin(
          caseFile("prune", "v2.yml"),
          pair.plugin(),
          new DeployOptions(
              true, ResolveImage.NEVER, host -> Optional.empty(), Duration.ofMinutes(1)));
      StackSnapshot byCli = deployments.snapshot(pair.cli());
      StackSnapshot byPlugin = deployments.snapshot(pair.plugin());

      assertEquals(Set.of("<stack>_kept"), byCli.services().keySet());
      assertDiff("services after prune", byCli.services(), byPlugin.services());
      assertEquals(
          Set.of("<stack>_gone", "<stack>_kept"),
          byCli.networks().keySet(),
          "the CLI leaves the network");
      assertEquals(Set.of("<stack>_gone"), byCli.secrets().keySet(), "the CLI leaves the secret");
      assertEquals(Set.of("<stack>_gone"), byCli.configs().keySet(), "the CLI leaves the config");
      assertEquals(
          Set.of("<stack>_kept"), byPlugin.networks().keySet(), "the plugin prunes the network");
      assertEquals(Set.of(), byPlugin.secrets().keySet(), "the plugin prunes the secret");
      assertEquals(Set.of(), byPlugin.configs().keySet(), "the plugin prunes the config");
    }
  }

  /** The cases together use every service key (and deploy key) that {@code docker stack deploy} converts. */
  @Test
  void theCasesCoverEveryConvertedServiceKey() throws Exception {
    Set<String> used = new TreeSet<>();
    for (String name : Stream.concat(CASES.stream(), Stream.of("registry")).toList()) {
      YAML.readTree(caseFile(name, "stack.yml").toFile()).path("services").forEach(service -> {
        service.fieldNames().forEachRemaining(used::add);
        service.path("deploy").fieldNames().forEachRemaining(key -> used.add("deploy." + key));
        service
            .path("deploy")
            .path("resources")
            .path("limits")
            .fieldNames()
            .forEachRemaining(key -> used.add("deploy.resources.limits." + key));
        service
            .path("deploy")
            .path("resources")
            .path("reservations")
            .fieldNames()
            .forEachRemaining(key -> used.add("deploy.resources.reservations." + key));
        service
            .path("deploy")
            .path("placement")
            .fieldNames()
            .forEachRemaining(key -> used.add("deploy.placement." + key));
        used.add("mode " + service.path("deploy").path("mode").asText("replicated"));
      });
    }
    Set<String> converted = new TreeSet<>(List.of(
        "image",
        "command",
        "entrypoint",
        "environment",
        "env_file",
        "labels",
        "ports",
        "networks",
        "restart",
        "healthcheck",
        "secrets",
        "configs",
        "volumes",
        "logging",
        "stop_grace_period",
        "stop_signal",
        "user",
        "working_dir",
        "hostname",
        "dns",
        "dns_search",
        "extra_hosts",
        "cap_add",
        "cap_drop",
        "sysctls",
        "ulimits",
        "init",
        "read_only",
        "tty",
        "stdin_open",
        "isolation",
        "credential_spec",
        "oom_score_adj",
        "deploy.labels",
        "deploy.replicas",
        "deploy.resources",
        "deploy.restart_policy",
        "deploy.update_config",
        "deploy.rollback_config",
        "deploy.placement",
        "deploy.endpoint_mode",
        "deploy.resources.limits.cpus",
        "deploy.resources.limits.memory",
        "deploy.resources.limits.pids",
        "deploy.resources.reservations.cpus",
        "deploy.resources.reservations.memory",
        "deploy.resources.reservations.generic_resources",
        "deploy.placement.constraints",
        "deploy.placement.preferences",
        "deploy.placement.max_replicas_per_node",
        "mode replicated",
        "mode global",
        "mode replicated-job",
        "mode global-job"));
    TreeSet<String> missing = new TreeSet<>(converted);
    missing.removeAll(used);
    assertEquals(Set.of(), missing, "keys no case uses");
  }

  private static void assertSameStack(String title, StackSnapshot byCli, StackSnapshot byPlugin) {
    assertAll(
        () -> assertDiff(title + ": services", byCli.services(), byPlugin.services()),
        () -> assertDiff(title + ": networks", byCli.networks(), byPlugin.networks()),
        () -> assertDiff(title + ": secrets", byCli.secrets(), byPlugin.secrets()),
        () -> assertDiff(title + ": configs", byCli.configs(), byPlugin.configs()));
  }

  private static void assertDiff(
      String title, SortedMap<String, JsonNode> byCli, SortedMap<String, JsonNode> byPlugin) {
    List<String> differences = JsonDiff.between(object(byCli), object(byPlugin));
    assertTrue(differences.isEmpty(), () -> JsonDiff.describe(title + " differ", differences));
  }

  private static ObjectNode object(SortedMap<String, JsonNode> fields) {
    ObjectNode object = YAML.createObjectNode();
    fields.forEach(object::set);
    return object;
  }

  /** The CLI's redeploy updates every service, changed or not (its version goes up). */
  private static void assertEveryVersionChanged(Map<String, Long> before, Map<String, Long> after) {
    assertEquals(before.keySet(), after.keySet());
    before.forEach((service, version) -> assertTrue(
        after.get(service) > version,
        "the CLI updated " + service + ": " + version + " -> " + after.get(service)));
  }

  private static Path caseFile(String name, String file) throws URISyntaxException, IOException {
    Path path = Path.of(DeployDifferentialIT.class
        .getResource("/differential/" + name + "/" + file)
        .toURI());
    assertTrue(Files.isRegularFile(path), path.toString());
    return path;
  }
}
