package dev.swarmstack.swarm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmstack.swarm.compose.StackLoader;
import dev.swarmstack.swarm.convert.ConvertedStack;
import dev.swarmstack.swarm.convert.StackConverter;
import dev.swarmstack.swarm.deploy.RolloutReport.Outcome;
import dev.swarmstack.swarm.engine.Polling;
import dev.swarmstack.swarm.history.Provenance;
import dev.swarmstack.swarm.history.Recording;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Consecutive deploys alternating two versions of a stack whose secret, config and services all change, with
 * rotation on, waiting for convergence and recording history, as the deploy goal does it: after each round the
 * engine holds the current version's objects and those the kept revisions use (here both versions), no more than
 * the history cap of revisions, and the stack's containers stay within the swarm's task history limit.
 * {@code bench/endurance.sh} runs the same for 100 rounds, with timings.
 */
class EnduranceIT extends EngineTestBase {

  private static final int ROUNDS = 10;
  private static final int SERVICES = 2;
  private static final DeployOptions OPTIONS =
      new DeployOptions(true, ResolveImage.NEVER, host -> Optional.empty(), Duration.ofMinutes(1));
  private static final ConvergeOptions WAIT =
      new ConvergeOptions(false, Duration.ofSeconds(180), true, 5);
  /** Below the number of rounds, so that trimming the history is part of the run. */
  private static final int HISTORY_MAX = 3;

  private static final Recording HISTORY = new Recording(
      HISTORY_MAX,
      new Provenance("dev.example:endurance", "1", "", "ci", "runner", "test"),
      OptionalInt.empty());

  /** Both services read the secret and the config; ENDURANCE_VERSION changes their specs. */
  private static final Path STACK = Path.of("src/test/resources/endurance/stack.yml");

  @TempDir
  Path dir;

  @Test
  void alternatingDeploysLeaveOnlyTheObjectsOfTheCurrentAndTheKeptRevisions() throws IOException {
    for (int round = 1; round <= ROUNDS; round++) {
      String version = round % 2 == 1 ? "a" : "b";
      RolloutReport report = new StackRollout(engine, deployLog)
          .deploy(namespace, convert(version), OPTIONS, WAIT, HISTORY);

      assertEquals(Outcome.CONVERGED, report.outcome(), "round " + round + ": " + log);
      String where = "after round " + round + " (version " + version + ")";
      assertEquals(
          List.of(namespace + "_api", namespace + "_worker"), stackObjects("service"), where);
      assertEquals(List.of(namespace + "_back"), stackObjects("network"), where);
      int versionsInUse = Math.min(round, 2);
      assertEquals(
          versionsInUse, stackObjects("secret").size(), where + ": " + stackObjects("secret"));
      assertEquals(
          versionsInUse, stackObjects("config").size(), where + ": " + stackObjects("config"));
      assertEquals(
          Math.min(round, HISTORY_MAX),
          objects("config", "dev.swarmstack.history.stack=" + namespace).size(),
          where + ": revisions");
      assertEquals(
          "VERSION=" + version,
          DOCKER
              .ok(
                  "service",
                  "inspect",
                  namespace + "_worker",
                  "--format",
                  "{{range .Spec.TaskTemplate.ContainerSpec.Env}}{{.}}{{end}}")
              .strip(),
          where);
    }
    int historyLimit = Integer.parseInt(DOCKER
        .ok("info", "--format", "{{.Swarm.Cluster.Spec.Orchestration.TaskHistoryRetentionLimit}}")
        .strip());
    int containers = containersOnceWithin(historyLimit * SERVICES, Duration.ofSeconds(60));
    assertTrue(
        containers <= historyLimit * SERVICES,
        containers + " containers of the stack, more than the swarm's" + " task history limit "
            + historyLimit + " for each of " + SERVICES + " one-replica services");
  }

  private ConvertedStack convert(String version) throws IOException {
    Files.writeString(dir.resolve("token.txt"), "token-" + version);
    Files.writeString(dir.resolve("settings.conf"), "version=" + version);
    Path file = Files.copy(STACK, dir.resolve("stack.yml"), StandardCopyOption.REPLACE_EXISTING);
    return new StackConverter(namespace, name -> Optional.empty())
        .withRotation(true)
        .convert(new StackLoader(
                name -> Optional.of(version).filter(v -> name.equals("ENDURANCE_VERSION")))
            .load(List.of(file), null, dir));
  }

  /** Names of the stack's objects of one kind, as the docker CLI lists them. */
  private List<String> stackObjects(String kind) {
    return objects(kind, "com.docker.stack.namespace=" + namespace);
  }

  private static List<String> objects(String kind, String label) {
    String names = DOCKER
        .ok(kind, "ls", "--filter", "label=" + label, "--format", "{{.Name}}")
        .strip();
    return names.isEmpty() ? List.of() : names.lines().sorted().toList();
  }

  /** The stack's containers, polled until at most {@code limit}: the engine reaps old tasks in the background. */
  private int containersOnceWithin(int limit, Duration patience) {
    Instant giveUp = Instant.now().plus(patience);
    while (true) {
      int count = (int) DOCKER
          .ok("ps", "-aq", "--filter", "label=com.docker.stack.namespace=" + namespace)
          .lines()
          .count();
      if (count <= limit || Instant.now().isAfter(giveUp)) {
        return count;
      }
      Polling.pause(Duration.ofSeconds(1));
    }
  }
}
