package dev.swarmstack.swarm.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmstack.swarm.docker.DockerSwarmEngine;
import dev.swarmstack.swarm.engine.EngineConnection;
import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.lock.HeldLock;
import dev.swarmstack.swarm.lock.StackLock;
import dev.swarmstack.swarm.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine goals over the real engine, configured from a pom as Maven does it. */
@MojoTest
class EngineGoalsIT {

  private static final String POM = "src/test/resources/unit/deploy-pom.xml";
  private static final String STACK = "swarmgoalsit";

  /** And waits until it is gone: the CLI's rm doesn't, and the next test's deploy would meet a vanishing network. */
  @AfterEach
  void removeStackEvenOnFailure() throws Exception {
    docker("config", "rm", StackLock.configName(STACK));
    docker("stack", "rm", STACK);
    for (int second = 0; second < 60 && !leftovers().isBlank(); second++) {
      Thread.sleep(1000);
      docker("stack", "rm", STACK);
    }
  }

  private static String leftovers() {
    String label = "label=com.docker.stack.namespace=" + STACK;
    return docker("service", "ls", "-q", "--filter", label)
        + docker("network", "ls", "-q", "--filter", label)
        + docker("secret", "ls", "-q", "--filter", label);
  }

  @Test
  void deployCreatesTheStackTheCliSees(@InjectMojo(goal = "deploy", pom = POM) DeployMojo deploy)
      throws Exception {
    deploy.execute();

    assertEquals(STACK + "_web\n", docker("stack", "services", STACK, "--format", "{{.Name}}"));
    assertEquals("", lockConfigs(), "the deploy released the stack lock");
  }

  @Test
  void unlockBreaksTheLockWithItsIdAndNoOther(
      @InjectMojo(goal = "unlock", pom = POM) UnlockMojo unlock) throws Exception {
    try (SwarmEngine engine = DockerSwarmEngine.connect(EngineConnection.defaults());
        HeldLock stuck = new StackLock(
                engine, new dev.swarmstack.swarm.testing.RecordingLog(new ArrayList<>()))
            .acquire(STACK, "swarm:deploy", Duration.ZERO)) {
      MojoExtension.setVariableValueToObject(unlock, "lockId", "an-older-lock-id");
      MojoFailureException refused = assertThrows(MojoFailureException.class, unlock::execute);
      assertTrue(
          refused.getMessage().startsWith("Stack " + STACK + " is locked by swarm:deploy by "),
          refused.getMessage());
      assertTrue(
          refused
              .getMessage()
              .contains("lock id " + stuck.lockId() + ", not by lock id an-older-lock-id:"
                  + " nothing was broken"),
          refused.getMessage());
      assertEquals(StackLock.configName(STACK) + "\n", lockConfigs());

      MojoExtension.setVariableValueToObject(unlock, "lockId", stuck.lockId());
      unlock.execute();

      assertEquals("", lockConfigs());
    }
  }

  private static String lockConfigs() {
    return docker(
        "config",
        "ls",
        "--format",
        "{{.Name}}",
        "--filter",
        "label=dev.swarmstack.lock.stack=" + STACK);
  }

  /** On a stack the CLI deployed, so that these goals are tested apart from loading and converting the pom's stack. */
  @Test
  void listingGoalsReportAndRmRemoves(
      @InjectMojo(goal = "services", pom = POM) ServicesMojo services,
      @InjectMojo(goal = "ps", pom = POM) PsMojo ps,
      @InjectMojo(goal = "ls", pom = POM) LsMojo ls,
      @InjectMojo(goal = "rm", pom = POM) RemoveMojo rm,
      @TempDir Path dir)
      throws Exception {
    Path compose = Files.writeString(dir.resolve("stack.yml"), """
        version: "3.8"
        services:
          web:
            image: local/busybox:1
            command: ["sleep", "3600"]
        """);
    docker("stack", "deploy", "--resolve-image", "never", "-c", compose.toString(), STACK);

    services.execute();
    ps.execute();
    ls.execute();
    Path reports = Path.of(services.project.getBuild().getDirectory(), "swarm");
    assertTrue(Files.readString(reports.resolve(STACK + "-services.json"))
        .contains("\"Name\" : \"" + STACK + "_web\""));
    assertTrue(Files.readString(reports.resolve(STACK + "-ps.json")).contains(STACK + "_web.1"));
    assertTrue(
        Files.readString(reports.resolve("stacks.json")).contains("\"Name\" : \"" + STACK + "\""));

    rm.execute();
    assertEquals(
        "", docker("service", "ls", "-q", "--filter", "label=com.docker.stack.namespace=" + STACK));
    assertEquals(
        "", docker("network", "ls", "-q", "--filter", "label=com.docker.stack.namespace=" + STACK));
    // the swarm deletes a removed service's shut-down tasks a moment later: until then both ps list
    // them
    for (int second = 0;
        second < 30 && !docker("stack", "ps", STACK).contains("nothing found");
        second++) {
      Thread.sleep(1000);
    }
    MojoFailureException nothing = assertThrows(MojoFailureException.class, ps::execute);
    assertEquals("nothing found in stack: " + STACK, nothing.getMessage());
  }

  /**
   * The CLI refuses an empty compose file, and so does the deploy goal, even with prune on: it fails with one error
   * before any write, and the live stack keeps its services, network and secret as they were.
   */
  @Test
  void anEmptyComposeFileWithPruneIsRefusedBeforeAnyWriteAndTheLiveStackStays(
      @InjectMojo(goal = "deploy", pom = POM) DeployMojo deploy, @TempDir Path dir)
      throws Exception {
    deploy.execute();
    String live = liveObjects();
    Path empty = Files.writeString(dir.resolve("empty.yml"), "");
    Cli.Result byCli = Cli.docker().run("stack", "config", "-c", empty.toString());
    assertNotEquals(0, byCli.exitCode(), byCli.output());
    assertTrue(byCli.stderr().contains("top-level object must be a mapping"), byCli.stderr());

    MojoExtension.setVariableValueToObject(deploy, "composeFiles", List.of(empty.toFile()));
    for (String pomDefinitions : List.of("networks", "services", "secrets")) {
      MojoExtension.setVariableValueToObject(deploy, pomDefinitions, null);
    }
    MojoExtension.setVariableValueToObject(deploy, "prune", true);
    String since = engineTimestamp();
    MojoFailureException refused = assertThrows(MojoFailureException.class, deploy::execute);
    // the engine's event log: not even the stack lock was taken and released
    String stackEvents = docker(
            "events",
            "--since",
            since,
            "--until",
            engineTimestamp(),
            "--filter",
            "scope=swarm",
            "--format",
            "{{.Type}} {{.Action}} {{.Actor.Attributes.name}}")
        .lines()
        .filter(event -> event.contains(STACK))
        .collect(Collectors.joining("\n"));

    assertEquals(
        "The stack definition has 1 error:\n  " + empty
            + ":1:1: top-level object must be a mapping, and this file is empty (or holds only"
            + " comments): declare the stack's services in it, e.g. services: {web: {image: nginx}},"
            + " or leave the file out",
        refused.getMessage());
    assertEquals("", stackEvents, "no write to the engine");
    assertEquals(live, liveObjects(), "the live stack is untouched");
  }

  /** Now, as {@code docker events --since/--until} take it (the engine runs on this machine's clock). */
  private static String engineTimestamp() {
    Instant now = Instant.now();
    return now.getEpochSecond() + "." + String.format("%09d", now.getNano());
  }

  /** The id and version of each service and secret of the stack, and its networks' ids: a write changes one. */
  private static String liveObjects() {
    String label = "label=com.docker.stack.namespace=" + STACK;
    String services = versions("service", label);
    assertFalse(services.isBlank(), "the stack is deployed");
    return services + versions("secret", label) + docker("network", "ls", "-q", "--filter", label);
  }

  private static String versions(String kind, String label) {
    Stream<String> ids = docker(kind, "ls", "-q", "--filter", label).lines();
    return docker(
        Stream.concat(Stream.of(kind, "inspect", "--format", "{{.ID}} {{.Version.Index}}"), ids)
            .toArray(String[]::new));
  }

  /**
   * The stack file {@code swarm:generate} writes stands alone: the CLI deploys it from another folder, with the
   * values of the compose file's {@code env_file} in the service's environment and the pom's secret file named by
   * its absolute path. The {@code @AfterEach} removes the stack.
   */
  @Test
  void theGeneratedStackFileDeploysByTheCliFromAnotherFolder(
      @InjectMojo(goal = "generate", pom = POM) GenerateMojo generate, @TempDir Path dir)
      throws Exception {
    Path sources = Files.createDirectories(dir.resolve("sources"));
    Files.writeString(sources.resolve("app.env"), "GREETING=hello\nTARGET=world\n");
    Path compose = Files.writeString(sources.resolve("stack.yml"), """
        version: "3.8"
        services:
          app:
            image: local/busybox:1
            command: ["sleep", "3600"]
            env_file: [app.env]
            environment:
              EXTRA: set
        """);
    MojoExtension.setVariableValueToObject(generate, "composeFiles", List.of(compose.toFile()));
    generate.project.setArtifact(new DefaultArtifact(
        "dev.example", "goals", "1.0", "compile", "pom", null, new DefaultArtifactHandler("pom")));
    generate.execute();
    Path generated = Path.of(generate.project.getBuild().getDirectory(), "swarm", STACK + ".yml")
        .toAbsolutePath();

    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Cli.Result deployed = Cli.docker()
        .in(elsewhere)
        .run("stack", "deploy", "--resolve-image", "never", "-c", generated.toString(), STACK);

    assertEquals(0, deployed.exitCode(), deployed.output());
    assertEquals(
        "[\"EXTRA=set\",\"GREETING=hello\",\"TARGET=world\"]\n",
        docker(
            "service",
            "inspect",
            "--format",
            "{{json .Spec.TaskTemplate.ContainerSpec.Env}}",
            STACK + "_app"));
  }

  /** Everything the docker CLI printed, whatever its exit code: the tests compare it. */
  private static String docker(String... args) {
    return Cli.docker().run(args).output();
  }
}
