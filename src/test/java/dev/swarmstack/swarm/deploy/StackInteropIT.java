package dev.swarmstack.swarm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmstack.swarm.inspect.ReportJson;
import dev.swarmstack.swarm.inspect.StackInspector;
import dev.swarmstack.swarm.inspect.StackInspector.ServiceRow;
import dev.swarmstack.swarm.inspect.StackInspector.StackRow;
import dev.swarmstack.swarm.inspect.StackInspector.TaskRow;
import dev.swarmstack.swarm.problem.UserTerms;
import dev.swarmstack.swarm.remove.StackRemover;
import dev.swarmstack.swarm.stack.StackLabels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin and the docker CLI manage each other's stacks: same labels, same names, same listings.
 */
class StackInteropIT extends EngineTestBase {

  private static final DeployOptions OPTIONS = DeployOptions.defaults();

  @Test
  void cliStackRmRemovesAPluginStack() {
    TestStack stack = TestStack.twoServices(namespace);
    deployer().deploy(namespace, stack.converted(), OPTIONS);

    DOCKER.ok("stack", "rm", namespace);

    assertEquals(List.of(), names(engine.listServices(StackLabels.of(namespace))));
    assertEquals(List.of(), names(engine.listSecrets(StackLabels.of(namespace))));
    assertEquals(List.of(), names(engine.listConfigs(StackLabels.of(namespace))));
  }

  @Test
  void ourRmRemovesACliStackCompletely(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("token.txt"), "s3cret");
    Path compose = Files.writeString(dir.resolve("stack.yml"), """
        version: "3.8"
        services:
          web:
            image: local/busybox:1
            command: ["sleep", "3600"]
            networks: [back]
            secrets: [token]
            configs: [settings]
          worker:
            image: local/busybox:1
            command: ["sleep", "3600"]
            networks: [back]
        networks:
          back: {}
        secrets:
          token:
            file: ./token.txt
        configs:
          settings:
            file: ./token.txt
        """);
    DOCKER.ok("stack", "deploy", "--resolve-image", "never", "-c", compose.toString(), namespace);
    assertEquals(2, engine.listServices(StackLabels.of(namespace)).size());

    int removed = new StackRemover(engine, deployLog)
        .remove(namespace, Duration.ofMinutes(1), StackRemover.Volumes.KEEP);

    assertEquals(5, removed, log.toString());
    assertEquals(List.of(), names(engine.listServices(StackLabels.of(namespace))));
    assertEquals(
        List.of(),
        names(engine.listNetworks(StackLabels.of(namespace))),
        "the network too, right away");
    assertEquals(List.of(), names(engine.listSecrets(StackLabels.of(namespace))));
    assertEquals(List.of(), names(engine.listConfigs(StackLabels.of(namespace))));
    assertEquals(
        "Nothing found in stack: " + namespace + "\n",
        DOCKER.run("stack", "rm", namespace).output());
  }

  @Test
  void volumesStayUnlessAskedFor(@TempDir Path dir) throws IOException {
    Path compose = Files.writeString(dir.resolve("stack.yml"), """
        version: "3.8"
        services:
          db:
            image: local/busybox:1
            command: ["sleep", "3600"]
            volumes: ["data:/data"]
        volumes:
          data: {}
        """);
    DOCKER.ok("stack", "deploy", "--resolve-image", "never", "-c", compose.toString(), namespace);
    awaitTrue(() ->
        names(engine.listVolumes(StackLabels.of(namespace))).equals(List.of(namespace + "_data")));

    new StackRemover(engine, deployLog)
        .remove(namespace, Duration.ofMinutes(1), StackRemover.Volumes.KEEP);
    assertEquals(
        List.of(namespace + "_data"),
        names(engine.listVolumes(StackLabels.of(namespace))),
        "kept by default");

    int removed = new StackRemover(engine, deployLog)
        .remove(namespace, Duration.ofMinutes(1), StackRemover.Volumes.REMOVE);

    assertEquals(1, removed, log.toString());
    assertEquals(List.of(), names(engine.listVolumes(StackLabels.of(namespace))));
  }

  @Test
  void listingsShowWhatTheCliShows() {
    TestStack stack = TestStack.twoServices(namespace);
    deployer().deploy(namespace, stack.converted(), OPTIONS);
    StackInspector inspector = new StackInspector(engine, Clock.systemUTC(), UserTerms.NEUTRAL);
    awaitTrue(() ->
        inspector.services(namespace).stream().allMatch(row -> row.replicas().equals("1/1")));

    List<ServiceRow> services = inspector.services(namespace);
    assertEquals(
        DOCKER.ok(
            "stack",
            "services",
            namespace,
            "--format",
            "{{.ID}} {{.Name}} {{.Mode}} {{.Replicas}} {{.Image}}"),
        services.stream()
            .map(r -> r.id() + " " + r.name() + " " + r.mode() + " " + r.replicas() + " "
                + r.image() + "\n")
            .reduce("", String::concat));

    List<TaskRow> tasks = inspector.tasks(namespace);
    assertEquals(
        DOCKER.ok(
            "stack",
            "ps",
            namespace,
            "--format",
            "{{.ID}} {{.Name}} {{.Image}} {{.Node}} {{.DesiredState}}"),
        tasks.stream()
            .map(r -> r.id() + " " + r.name() + " " + r.image() + " " + r.node() + " "
                + r.desiredState() + "\n")
            .reduce("", String::concat));
    assertTrue(
        tasks.stream()
            .allMatch(
                r -> r.currentState().startsWith("Running ") && r.currentState().endsWith(" ago")),
        tasks.toString());

    List<StackRow> stacks = inspector.stacks();
    assertTrue(stacks.contains(new StackRow(namespace, 2)), stacks.toString());
    assertTrue(DOCKER
        .ok("stack", "ls", "--format", "{{.Name}} {{.Services}}")
        .contains(namespace + " 2\n"));
    assertTrue(
        ReportJson.write(services).contains("\"Replicas\" : \"1/1\""), ReportJson.write(services));
  }

  private static void awaitTrue(BooleanSupplier condition) {
    Instant deadline = Instant.now().plusSeconds(60);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not true within 60 s");
      }
      sleep(Duration.ofMillis(500));
    }
  }
}
