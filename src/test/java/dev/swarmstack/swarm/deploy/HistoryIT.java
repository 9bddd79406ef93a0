package dev.swarmstack.swarm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmstack.swarm.compose.LoadedStack;
import dev.swarmstack.swarm.compose.StackLoader;
import dev.swarmstack.swarm.convert.ConvertedStack;
import dev.swarmstack.swarm.convert.StackConverter;
import dev.swarmstack.swarm.docker.DockerSwarmEngine;
import dev.swarmstack.swarm.engine.EngineConnection;
import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.history.HistoryException;
import dev.swarmstack.swarm.history.Provenance;
import dev.swarmstack.swarm.history.Recording;
import dev.swarmstack.swarm.history.Revision;
import dev.swarmstack.swarm.history.StackHistory;
import dev.swarmstack.swarm.problem.StackException;
import dev.swarmstack.swarm.release.RevisionRollback;
import dev.swarmstack.swarm.remove.StackRemover;
import dev.swarmstack.swarm.stack.StackLabels;
import dev.swarmstack.swarm.testing.TestRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stack's history on the real swarm: three versions that change the image, the environment, a secret and a
 * config, and drop a service; a rollback to the first, compared field by field with what the engine had then; the
 * cap and what it releases; and every refusal before the first write.
 */
class HistoryIT extends EngineTestBase {

  private static final DeployOptions OPTIONS = new DeployOptions(
      false,
      ResolveImage.ALWAYS,
      host -> host.equals(TestRegistry.HOST) ? Optional.of(TestRegistry.AUTH) : Optional.empty(),
      Duration.ofMinutes(1));
  private static final DeployOptions PRUNE =
      new DeployOptions(true, OPTIONS.resolveImage(), OPTIONS.credentials(), OPTIONS.timeout());
  /** Generous: other tests may be loading the shared engine meanwhile. */
  private static final ConvergeOptions WAIT =
      new ConvergeOptions(false, Duration.ofSeconds(180), true, 5);

  private static final String STACK = """
      services:
        web:
          image: IMAGE
          command: [sleep, "3600"]
          stop_grace_period: 1s
          environment: {LEVEL: LOG_LEVEL}
          secrets: [token]
          configs: [{source: settings, target: /etc/settings}]
          deploy: {update_config: {monitor: 1s}}
      WORKER
      secrets:
        token: {file: ./token.txt}
      configs:
        settings: {file: ./settings.txt}
      """;
  private static final String WORKER = """
        worker:
          image: local/busybox:1
          command: [sleep, "3600"]
          stop_grace_period: 1s
      """;

  @TempDir
  Path checkout;

  @Test
  void aRollbackToTheFirstRevisionRestoresItsSpecsSecretsAndRemovedServiceExactly()
      throws IOException {
    deploy(version(":1", "info", "one", true), OPTIONS, 10);
    Map<String, JsonNode> first = inspectedSpecs();
    deploy(version(":2", "debug", "two", true), OPTIONS, 10);
    deploy(version(":2", "warn", "three", false), PRUNE, 10);
    assertEquals(List.of(namespace + "_web"), List.copyOf(inspectedSpecs().keySet()));

    RevisionRollback rollback = new RevisionRollback(engine, deployLog);
    rollback.rollBack(
        namespace, rollback.target(namespace, OptionalInt.of(1)), OPTIONS, WAIT, 10, build("9"));

    assertEquals(first, inspectedSpecs(), "every field as the engine stored it for revision 1");
    List<StackHistory.Entry> entries = new StackHistory(engine).entries(namespace);
    assertEquals(
        List.of(1, 2, 3, 4), entries.stream().map(StackHistory.Entry::number).toList());
    Revision fourth = entries.get(3).revision().orElseThrow();
    assertEquals(OptionalInt.of(1), fourth.restoredFrom());
    assertEquals("1", fourth.provenance().version());
    assertEquals(
        "4",
        DOCKER
                .ok(
                    "config",
                    "ls",
                    "-q",
                    "--filter",
                    "label=" + StackHistory.STACK_LABEL + "=" + namespace)
                .lines()
                .count()
            + "",
        "the CLI sees the four revision configs");
    assertEquals(3, names(engine.listSecrets(StackLabels.of(namespace))).size(), "one per version");
  }

  @Test
  void aCapOfTwoDropsTheOldestRevisionAndTheSecretAndConfigVersionsOnlyItUsed() throws IOException {
    deploy(version(":1", "info", "one", true), OPTIONS, 2);
    List<String> firstSecrets = names(engine.listSecrets(StackLabels.of(namespace)));
    deploy(version(":1", "info", "two", true), OPTIONS, 2);
    assertEquals(
        2,
        names(engine.listSecrets(StackLabels.of(namespace))).size(),
        "revision 1 keeps its version");

    deploy(version(":1", "info", "three", true), OPTIONS, 2);

    assertEquals(
        List.of(2, 3),
        new StackHistory(engine)
            .entries(namespace).stream().map(StackHistory.Entry::number).toList());
    List<String> secrets = names(engine.listSecrets(StackLabels.of(namespace)));
    assertEquals(2, secrets.size(), secrets.toString());
    assertTrue(secrets.stream().noneMatch(firstSecrets::contains), secrets + " " + firstSecrets);
  }

  @Test
  void anotherCheckoutAndConnectionSeesTheSameHistoryAndRollsBackWithIt() throws IOException {
    deploy(version(":1", "info", "one", true), OPTIONS, 10);
    deploy(version(":1", "debug", "one", true), OPTIONS, 10);

    // nothing of the first checkout: another folder, another connection to the engine
    try (SwarmEngine other = DockerSwarmEngine.connect(EngineConnection.defaults())) {
      RevisionRollback rollback = new RevisionRollback(other, deployLog);
      Revision previous = rollback.target(namespace, OptionalInt.empty());
      assertEquals(1, previous.number());
      rollback.rollBack(namespace, previous, OPTIONS, WAIT, 10, build("other"));
    }

    assertEquals(
        "[\"LEVEL=info\"]",
        engine
            .inspectService(namespace + "_web")
            .orElseThrow()
            .spec()
            .at("/TaskTemplate/ContainerSpec/Env")
            .toString());
  }

  @Test
  void badRevisionsAreRefusedWithoutAWrite() throws IOException {
    RevisionRollback rollback = new RevisionRollback(engine, deployLog);
    HistoryException none =
        assertThrows(HistoryException.class, () -> rollback.target(namespace, OptionalInt.empty()));
    assertTrue(
        none.getMessage().startsWith("stack " + namespace + " has no history"), none.getMessage());

    deploy(version(":1", "info", "one", true), OPTIONS, 10);
    deploy(version(":1", "info", "two", true), OPTIONS, 10);
    HistoryException missing =
        assertThrows(HistoryException.class, () -> rollback.target(namespace, OptionalInt.of(9)));
    assertEquals(
        "stack " + namespace + " has no revision 9; it has revisions 1 to 2", missing.getMessage());

    String corrupted = StackHistory.configName(namespace, 3);
    cleanups.add(0, () -> DOCKER.run("config", "rm", corrupted));
    DOCKER.okWithInput(
        "{\"format\": 1}",
        "config",
        "create",
        "--label",
        StackHistory.STACK_LABEL + "=" + namespace,
        "--label",
        StackHistory.REVISION_LABEL + "=3",
        corrupted,
        "-");
    HistoryException unreadable =
        assertThrows(HistoryException.class, () -> rollback.target(namespace, OptionalInt.of(3)));
    assertEquals(
        "revision 3 of stack " + namespace + " can't be read: config " + corrupted
            + ": field \"specs\" is missing. It was changed or written by something else; remove it"
            + " (docker config rm " + corrupted + ") or roll back to another revision",
        unreadable.getMessage());

    String firstToken =
        new StackHistory(engine).read(namespace, 1).stack().secrets().firstKey();
    DOCKER.ok("secret", "rm", firstToken);
    Revision first = rollback.target(namespace, OptionalInt.of(1));
    engine.reset();
    StackException gone = assertThrows(
        StackException.class,
        () -> rollback.rollBack(namespace, first, OPTIONS, WAIT, 10, build("9")));
    assertTrue(
        gone.getMessage()
            .contains("secret \"" + firstToken + "\" of this revision is gone from the swarm"),
        gone.getMessage());
    assertEquals(List.of(), engine.writes(), "not even the lock: the goal takes it, not the core");
  }

  @Test
  void removingTheStackRemovesItsHistoryUnlessItIsKept() throws IOException {
    deploy(version(":1", "info", "one", true), OPTIONS, 10);

    new StackRemover(engine, deployLog)
        .remove(
            namespace, Duration.ofMinutes(1), StackRemover.Volumes.KEEP, StackRemover.History.KEEP);
    assertEquals(1, new StackHistory(engine).entries(namespace).size());

    new StackRemover(engine, deployLog)
        .remove(
            namespace,
            Duration.ofMinutes(1),
            StackRemover.Volumes.KEEP,
            StackRemover.History.REMOVE);
    assertEquals(List.of(), new StackHistory(engine).entries(namespace));
  }

  /** The stack file of a version, in a folder of its own: each version's checkout. */
  private ConvertedStack version(String tag, String level, String token, boolean withWorker)
      throws IOException {
    Path folder = Files.createTempDirectory(checkout, "checkout");
    Files.writeString(folder.resolve("token.txt"), token);
    Files.writeString(folder.resolve("settings.txt"), "level=" + level);
    Path file = folder.resolve("stack.yml");
    Files.writeString(
        file,
        STACK
            .replace("IMAGE", TestRegistry.REPOSITORY + tag)
            .replace("LOG_LEVEL", level)
            .replace("WORKER\n", withWorker ? WORKER : ""));
    if (tag.equals(":2")) {
      TestRegistry.secondTag(TestRegistry.loggedIn(Files.createTempDirectory(checkout, "cli")));
    }
    LoadedStack loaded =
        new StackLoader(name -> Optional.empty()).load(List.of(file), null, folder);
    return new StackConverter(namespace, name -> Optional.empty())
        .withRotation(true)
        .convert(loaded);
  }

  private void deploy(ConvertedStack stack, DeployOptions options, int historyMax) {
    new StackRollout(engine, deployLog)
        .deploy(
            namespace,
            stack,
            options,
            WAIT,
            new Recording(historyMax, build("1"), OptionalInt.empty()));
  }

  private static Provenance build(String version) {
    return new Provenance("dev.example:shop", version, "", "ci", "runner", "test");
  }

  private Map<String, JsonNode> inspectedSpecs() {
    Map<String, JsonNode> specs = new TreeMap<>();
    engine
        .listServices(StackLabels.of(namespace))
        .forEach(service -> specs.put(service.name(), service.spec()));
    return specs;
  }
}
