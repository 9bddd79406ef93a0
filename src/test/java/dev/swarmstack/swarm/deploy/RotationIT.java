package dev.swarmstack.swarm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmstack.swarm.compose.LoadedStack;
import dev.swarmstack.swarm.compose.SourceTree;
import dev.swarmstack.swarm.compose.StackLoader;
import dev.swarmstack.swarm.convert.ConvertedStack;
import dev.swarmstack.swarm.convert.StackConverter;
import dev.swarmstack.swarm.deploy.RolloutReport.Outcome;
import dev.swarmstack.swarm.history.Recording;
import dev.swarmstack.swarm.maven.config.ContentSources;
import dev.swarmstack.swarm.maven.config.PomStackMapper;
import dev.swarmstack.swarm.problem.Problems;
import dev.swarmstack.swarm.stack.StackLabels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets and configs named after their content, on the real swarm, from compose files through the converter and
 * the waiting deploy: what the tasks see, which objects exist afterwards, what a redeploy writes. One case at a time:
 * each reads files inside its tasks, and the shared engine is slow enough already.
 */
class RotationIT extends EngineTestBase {

  private static final DeployOptions OPTIONS =
      new DeployOptions(true, ResolveImage.NEVER, host -> Optional.empty(), Duration.ofMinutes(1));
  /** Generous: a converged deploy returns at once, and other tests may be loading the shared engine meanwhile. */
  private static final ConvergeOptions WAIT =
      new ConvergeOptions(false, Duration.ofSeconds(180), true, 5);

  /** One service reading a secret; updates monitored 1 s, tasks stopped within 1 s. */
  private static final String ONE_SERVICE = """
      services:
        app:
          image: local/busybox:1
          command: [sleep, "3600"]
          stop_grace_period: 1s
          secrets:
            - {source: token, target: app-token, mode: 0400}
          deploy: {update_config: {monitor: 1s}}
      secrets:
        token: {file: ./token.txt}
      """;

  @TempDir
  Path dir;

  @Test
  void aChangedSecretDeploysAsANewVersionThatTheTaskSeesAtTheSamePathAndTheOldVersionIsRemoved()
      throws IOException {
    deploy(ONE_SERVICE, "token.txt", "first");
    String first = single(secretNames());
    String firstId = engine.listSecrets(StackLabels.of(namespace)).get(0).id();
    assertEquals("first", read("app", "/run/secrets/app-token"));

    engine.reset();
    deploy(ONE_SERVICE, "token.txt", "second");

    String second = single(secretNames());
    assertNotEquals(first, second);
    assertTrue(second.matches(namespace + "_token-[0-9a-f]{8}"), second);
    assertEquals(
        List.of(
            "createSecret " + second,
            "updateService " + namespace + "_app",
            "removeSecret " + firstId),
        engine.writes());
    assertEquals("second", read("app", "/run/secrets/app-token"), "same path, new content");
    assertEquals(
        "400",
        DOCKER
            .ok(
                "exec",
                container("app"),
                "/bin/busybox",
                "stat",
                "-c",
                "%a",
                "/run/secrets/app-token")
            .strip(),
        "same mode");
    assertTrue(
        log.contains("INFO Removing old version " + first + " of secret (no service uses it)"),
        log.toString());
  }

  @Test
  void anUnchangedRedeployCreatesNothingAndUpdatesNothing() throws IOException {
    String stack = ONE_SERVICE + """
        configs:
          settings: {file: ./settings.conf, template_driver: golang}
        """;
    Files.writeString(dir.resolve("settings.conf"), "name={{.Service.Name}}");
    deploy(stack, "token.txt", "same");
    engine.reset();

    deploy(stack, "token.txt", "same");

    assertEquals(List.of(), engine.writes(), log.toString());
  }

  @Test
  void twoServicesShareOneSecretAndBothMoveToItsNewVersion() throws IOException {
    String stack = """
        services:
          reader:
            image: local/busybox:1
            command: [sleep, "3600"]
            stop_grace_period: 1s
            secrets: [{source: shared, target: /run/secrets/shared}]
            deploy: {update_config: {monitor: 1s}}
          writer:
            image: local/busybox:1
            command: [sleep, "3600"]
            stop_grace_period: 1s
            secrets: [{source: shared, target: /etc/shared.txt, uid: "1000", mode: 0440}]
            deploy: {update_config: {monitor: 1s}}
          bystander:
            image: local/busybox:1
            command: [sleep, "3600"]
            stop_grace_period: 1s
        secrets:
          shared: {file: ./shared.txt}
        """;
    deploy(stack, "shared.txt", "v1");
    engine.reset();

    deploy(stack, "shared.txt", "v2");

    String current = single(secretNames());
    assertEquals(
        List.of(
            "createSecret " + current,
            "updateService " + namespace + "_reader",
            "updateService " + namespace + "_writer"),
        engine.writes().subList(0, 3),
        "the bystander is not updated");
    assertEquals(4, engine.writes().size(), "and the old version removed: " + engine.writes());
    assertEquals("v2", read("reader", "/run/secrets/shared"));
    assertEquals("v2", read("writer", "/etc/shared.txt"));
    assertEquals(
        "1000 440",
        DOCKER
            .ok(
                "exec",
                container("writer"),
                "/bin/busybox",
                "stat",
                "-c",
                "%u %a",
                "/etc/shared.txt")
            .strip());
  }

  @Test
  void aConfigTemplateIsExpandedByTheEngineInsideTheContainer() throws IOException {
    String stack = """
        services:
          app:
            image: local/busybox:1
            command: [sleep, "3600"]
            stop_grace_period: 1s
            environment: {GREETING: hello}
            configs: [{source: page, target: /etc/page.txt}]
        configs:
          page: {file: ./page.tmpl, template_driver: golang}
        """;
    deploy(stack, "page.tmpl", "service={{.Service.Name}} greeting={{env \"GREETING\"}}");

    assertEquals("service=" + namespace + "_app greeting=hello", read("app", "/etc/page.txt"));
    assertEquals(
        "golang",
        engine
            .listConfigs(StackLabels.of(namespace))
            .get(0)
            .spec()
            .path("Templating")
            .path("Name")
            .asText());
  }

  @Test
  void aSecretFromAnEnvironmentVariableReachesTheTaskWithoutAFile() throws IOException {
    Path compose = dir.resolve("stack.yml");
    Files.writeString(compose, """
        services:
          app:
            image: local/busybox:1
            command: [sleep, "3600"]
            stop_grace_period: 1s
            secrets: [db_password]
        """);
    var secret = new dev.swarmstack.swarm.maven.config.FileObjectConfig();
    setField(secret, "name", "db_password");
    setField(secret, "environment", "ROTATION_IT_DB_PASSWORD");
    Problems problems = new Problems();
    SourceTree pom = new PomStackMapper().map(null, null, null, List.of(secret), null, problems);
    LoadedStack loaded = new StackLoader(name -> Optional.empty()).load(List.of(compose), pom, dir);
    LoadedStack filled = new ContentSources(
            name -> Optional.ofNullable(
                Map.of("ROTATION_IT_DB_PASSWORD", "from-the-ci-vault").get(name)),
            name -> Optional.empty())
        .apply(loaded, List.of(secret), null, problems);
    assertEquals(List.of(), problems.all());

    rollout().deploy(namespace, converter().convert(filled), OPTIONS, WAIT, Recording.off());

    assertEquals("from-the-ci-vault", read("app", "/run/secrets/db_password"));
    assertTrue(single(secretNames()).matches(namespace + "_db_password-[0-9a-f]{8}"));
    assertTrue(log.stream().noneMatch(line -> line.contains("from-the-ci-vault")), "never logged");
  }

  @Test
  void aFailedDeployRollsBackAndKeepsThePreviousSecretVersion() throws IOException {
    deploy(ONE_SERVICE, "token.txt", "good");
    String previous = single(secretNames());
    Files.writeString(dir.resolve("token.txt"), "never-deployed");
    ConvertedStack broken =
        convert(ONE_SERVICE.replace("image: local/busybox:1", "image: local/does-not-exist:1"));

    DeployFailedException failure = assertThrows(DeployFailedException.class, () -> rollout()
        .deploy(namespace, broken, OPTIONS, WAIT, Recording.off()));

    assertEquals(Outcome.ROLLED_BACK, failure.report().outcome(), failure.getMessage());
    assertEquals(
        List.of(previous), secretNames(), "the new version is removed, the previous one kept");
    assertEquals(
        previous,
        engine
            .inspectService(namespace + "_app")
            .orElseThrow()
            .spec()
            .at("/TaskTemplate/ContainerSpec/Secrets/0/SecretName")
            .asText());
    awaitContent("app", "/run/secrets/app-token", "good");
    assertTrue(!failure.getMessage().contains("never-deployed")
        && log.stream().noneMatch(l -> l.contains("never-deployed")));
  }

  private RolloutReport deploy(String compose, String contentFile, String content)
      throws IOException {
    Files.writeString(dir.resolve(contentFile), content);
    return rollout().deploy(namespace, convert(compose), OPTIONS, WAIT, Recording.off());
  }

  private ConvertedStack convert(String compose) throws IOException {
    Path file = dir.resolve("stack.yml");
    Files.writeString(file, compose);
    LoadedStack loaded = new StackLoader(name -> Optional.empty()).load(List.of(file), null, dir);
    return converter().convert(loaded);
  }

  private StackConverter converter() {
    return new StackConverter(namespace, name -> Optional.empty()).withRotation(true);
  }

  private StackRollout rollout() {
    return new StackRollout(engine, deployLog);
  }

  private List<String> secretNames() {
    return names(engine.listSecrets(StackLabels.of(namespace)));
  }

  /** The running container of the service's single task (on this one-node swarm). */
  private String container(String service) {
    String id = "";
    Instant deadline = Instant.now().plusSeconds(30);
    while (id.isEmpty() && Instant.now().isBefore(deadline)) {
      id = DOCKER
          .ok(
              "ps",
              "-q",
              "--filter",
              "label=com.docker.swarm.service.name=" + namespace + "_" + service)
          .lines()
          .findFirst()
          .orElse("");
      if (id.isEmpty()) {
        sleep(Duration.ofMillis(500));
      }
    }
    assertTrue(!id.isEmpty(), "no running container of " + service);
    return id;
  }

  private String read(String service, String path) {
    return DOCKER.ok("exec", container(service), "cat", path);
  }

  /** After a rollback the restored task may still be starting. */
  private void awaitContent(String service, String path, String expected) {
    Instant deadline = Instant.now().plusSeconds(30);
    String seen = "";
    while (Instant.now().isBefore(deadline)) {
      var result = DOCKER.run("exec", container(service), "cat", path);
      seen = result.stdout();
      if (result.exitCode() == 0 && seen.equals(expected)) {
        return;
      }
      sleep(Duration.ofMillis(500));
    }
    assertEquals(expected, seen);
  }

  private static void setField(Object target, String field, String value) {
    try {
      var declared = target.getClass().getDeclaredField(field);
      declared.setAccessible(true);
      declared.set(target, value);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static String single(List<String> names) {
    assertEquals(1, names.size(), names.toString());
    return names.get(0);
  }
}
