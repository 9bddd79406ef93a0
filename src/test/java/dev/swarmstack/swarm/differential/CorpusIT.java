package dev.swarmstack.swarm.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.swarmstack.swarm.deploy.DeployOptions;
import dev.swarmstack.swarm.deploy.ResolveImage;
import dev.swarmstack.swarm.testing.Cli;
import dev.swarmstack.swarm.testing.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stack files that nobody here wrote ({@link CorpusCase}), each deployed by {@code docker stack deploy} and by the
 * plugin's core: the inspected specs must be identical, or both tools must refuse the file and the plugin leave
 * nothing behind; a second plugin deploy of the same file makes no write. Images are not resolved (nothing can be
 * pulled here): specs are compared, not running tasks.
 *
 * <p>Cases run side by side. A case whose stack publishes ports or holds fixed names or subnets deploys its CLI copy
 * and its plugin copy one after the other, and holds those names ({@link ExclusiveNames}) meanwhile. A port that
 * something outside this test publishes (the README's example stack, another run) is moved to a free one in a copy
 * of the case, for both tools. External networks, secrets and configs are created as a user would create them, and
 * removed afterwards if this test created them.
 *
 * <p>A case whose {@code case.yml} has {@code plugin_refuses} is one the CLI deploys although the engine can never
 * run it: the plugin must refuse it with a message containing that text, and leave nothing behind.
 */
@Execution(ExecutionMode.CONCURRENT)
class CorpusIT {

  private static final DeployOptions NEVER_RESOLVE =
      new DeployOptions(false, ResolveImage.NEVER, host -> Optional.empty(), Duration.ofMinutes(1));
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  /** The differential cases' external object name; no corpus file uses it. */
  private static final String NO_EXTERNAL = "corpus-unused";

  private static final ExclusiveNames EXCLUSIVE = new ExclusiveNames();
  /** Cases deploying at once: more only queue up in the engine beside the other engine tests. */
  private static final Semaphore LANES = new Semaphore(3);

  private static final SortedMap<String, String> RESULTS = new ConcurrentSkipListMap<>();
  /** External objects this test created for a case and removed afterwards. */
  private static final Set<String> REMOVED_EXTERNALS = ConcurrentHashMap.newKeySet();
  /** Ports moved because something else published them, by case, for the result table. */
  private static final Map<String, String> MOVED_PORTS = new ConcurrentSkipListMap<>();

  private static final Path RESULT_TABLE = Path.of("target/corpus-results.md");

  /** {@code -Dcorpus.cases=seaweedfs,promstack} runs only the cases whose names contain one of those words. */
  static Stream<CorpusCase> cases() {
    List<String> only = List.of(System.getProperty("corpus.cases", "").split(",")).stream()
        .filter(word -> !word.isBlank())
        .toList();
    return CorpusCase.all().stream()
        .filter(c -> only.isEmpty() || only.stream().anyMatch(c.name()::contains));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void deploysAsTheCliDeploysAndRedeploysWithoutWrites(CorpusCase corpusCase, @TempDir Path copy)
      throws Exception {
    Path original = corpusCase.stackFile().toAbsolutePath();
    Cli docker = Cli.docker().withEnvironment(corpusCase.variables()).in(original.getParent());
    Cli.Result config = docker.run("stack", "config", "-c", original.toString());
    Map<String, String> variables = corpusCase.variables();
    if (config.exitCode() != 0) {
      try (Deployments deployments = new Deployments(NO_EXTERNAL, variables)) {
        assertPluginRefuses(corpusCase, deployments, original, lastLine(config.stderr()));
      }
      return;
    }
    CaseResources resources = CaseResources.of(YAML.readTree(config.stdout()));
    EXCLUSIVE.acquire(resources.exclusive());
    LANES.acquire();
    List<String> created = new ArrayList<>();
    try {
      Set<String> held = heldElsewhere(resources.exclusive());
      Path file = original;
      if (!held.isEmpty()) {
        file = withPortsMoved(corpusCase, held, copy);
      }
      createExternals(resources, created);
      try (Deployments deployments = new Deployments(NO_EXTERNAL, variables)) {
        compare(corpusCase, deployments, file, resources.fixed());
      }
    } finally {
      removeExternals(resources, created);
      LANES.release();
      EXCLUSIVE.release(resources.exclusive());
    }
  }

  private static void compare(
      CorpusCase corpusCase, Deployments deployments, Path file, boolean oneAtATime) {
    Deployments.Pair pair = deployments.pair();
    Cli.Result byCli = Cli.docker()
        .withEnvironment(deployments.variables(pair.cli()))
        .in(file.getParent())
        .run("stack", "deploy", "--resolve-image", "never", "-c", file.toString(), pair.cli());
    if (byCli.exitCode() != 0) {
      deployments.remove(pair.cli());
      assertPluginRefuses(corpusCase, deployments, file, lastLine(byCli.stderr()));
      return;
    }
    StackSnapshot cliStack = deployments.snapshot(pair.cli());
    String refusedOnPurpose = corpusCase.text("plugin_refuses");
    // a stack the CLI deployed must not restart when the plugin deploys the same file over it
    List<String> writesOverTheCli = List.of();
    if (refusedOnPurpose.isEmpty()) {
      deployments.counter.reset();
      deployments.plugin(file, pair.cli(), NEVER_RESOLVE);
      writesOverTheCli = deployments.counter.writes();
    }
    if (oneAtATime) {
      deployments.remove(pair.cli());
    }
    try {
      deployments.plugin(file, pair.plugin(), NEVER_RESOLVE);
    } catch (RuntimeException refused) {
      if (!refusedOnPurpose.isEmpty() && refused.getMessage().contains(refusedOnPurpose)) {
        List<String> left = deployments.leftovers(pair.plugin());
        record(
            corpusCase,
            "the CLI deploys it, the plugin refuses it on purpose"
                + (left.isEmpty() ? "" : ", FAILS: the plugin left " + left) + ": "
                + firstLine(refused.getMessage()));
        assertEquals(List.of(), left, corpusCase + ": the plugin refused but left objects behind");
        return;
      }
      record(
          corpusCase,
          "FAILS: the plugin refuses what the CLI deploys: " + firstLine(refused.getMessage()));
      fail(
          "the CLI deploys " + corpusCase + ", the plugin refuses it: " + refused.getMessage(),
          refused);
    }
    assertTrue(
        refusedOnPurpose.isEmpty(),
        () -> corpusCase + ": the plugin was to refuse it (" + refusedOnPurpose
            + ") and deployed it");
    StackSnapshot pluginStack = deployments.snapshot(pair.plugin());
    deployments.counter.reset();
    deployments.plugin(file, pair.plugin(), NEVER_RESOLVE);
    List<String> redeployWrites = deployments.counter.writes();

    List<String> differences = new ArrayList<>();
    differences.addAll(differences("service", cliStack.services(), pluginStack.services()));
    differences.addAll(differences("network", cliStack.networks(), pluginStack.networks()));
    differences.addAll(differences("secret", cliStack.secrets(), pluginStack.secrets()));
    differences.addAll(differences("config", cliStack.configs(), pluginStack.configs()));
    if (!differences.isEmpty() || !redeployWrites.isEmpty() || !writesOverTheCli.isEmpty()) {
      record(
          corpusCase,
          "FAILS: " + differences.size() + " differences, " + redeployWrites.size()
              + " writes on redeploy, " + writesOverTheCli.size()
              + " over the CLI's stack");
    } else {
      record(
          corpusCase,
          "identical (" + cliStack.services().size() + " services), 0 writes on redeploy"
              + ", 0 over the CLI's stack");
    }
    assertTrue(
        differences.isEmpty(), () -> JsonDiff.describe(corpusCase + ": specs differ", differences));
    assertEquals(
        List.of(), redeployWrites, () -> corpusCase + ": the plugin's no-op redeploy writes");
    assertEquals(
        List.of(),
        writesOverTheCli,
        () -> corpusCase + ": the plugin's deploy over the CLI's stack writes");
  }

  /** Both tools refuse the file: the plugin with an error of its own, and nothing of its stack on the engine. */
  private static void assertPluginRefuses(
      CorpusCase corpusCase, Deployments deployments, Path file, String cliError) {
    Deployments.Pair pair = deployments.pair();
    try {
      deployments.plugin(file, pair.plugin(), NEVER_RESOLVE);
    } catch (RuntimeException refused) {
      List<String> left = deployments.leftovers(pair.plugin());
      record(
          corpusCase,
          "both refuse" + (left.isEmpty() ? "" : ", FAILS: the plugin left " + left) + ". CLI: "
              + cliError + " / plugin: " + firstLine(refused.getMessage()));
      assertEquals(List.of(), left, corpusCase + ": the plugin refused but left objects behind");
      return;
    }
    record(corpusCase, "FAILS: the plugin deploys what the CLI refuses: " + cliError);
    fail("the CLI refuses " + corpusCase + " (" + cliError + "), the plugin deployed it");
  }

  private static List<String> differences(
      String kind, SortedMap<String, JsonNode> byCli, SortedMap<String, JsonNode> byPlugin) {
    List<String> lines = new ArrayList<>();
    Set<String> names = new TreeSet<>(byCli.keySet());
    names.addAll(byPlugin.keySet());
    for (String name : names) {
      JsonDiff.between(byCli.get(name), byPlugin.get(name))
          .forEach(line -> lines.add(kind + " " + name + line));
    }
    return lines;
  }

  /** The case's published ports ({@code port:18080/tcp}) that a service this test didn't create publishes. */
  private static Set<String> heldElsewhere(Set<String> exclusive) {
    Cli docker = Cli.docker();
    List<String> services =
        docker.ok("service", "ls", "-q").lines().filter(line -> !line.isBlank()).toList();
    Set<String> held = new TreeSet<>();
    if (services.isEmpty()) {
      return held;
    }
    List<String> command = new ArrayList<>(List.of(
        "service",
        "inspect",
        "--format",
        "{{range .Endpoint.Ports}}port:{{.PublishedPort}}/{{.Protocol}} {{end}}"));
    command.addAll(services);
    // a service removed meanwhile fails the inspect; the others are still listed
    for (String port : docker.run(command.toArray(String[]::new)).stdout().split("\\s+")) {
      if (exclusive.contains(port)) {
        held.add(port);
      }
    }
    return held;
  }

  /**
   * A copy of the case's folder in {@code copy} whose stack file publishes a free port instead of each held one, so
   * that both tools deploy it as they would on a machine of their own. Every occurrence of the number is replaced, a
   * target port too: both tools get the same file.
   */
  private static Path withPortsMoved(CorpusCase corpusCase, Set<String> held, Path copy)
      throws IOException {
    Path folder = corpusCase.folder().toAbsolutePath();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path source : files.toList()) {
        Path target = copy.resolve(folder.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
    Path file =
        copy.resolve(folder.relativize(corpusCase.stackFile().toAbsolutePath()).toString());
    String text = Files.readString(file);
    List<String> moves = new ArrayList<>();
    for (String port : held) {
      String number = port.substring("port:".length(), port.indexOf('/'));
      String free = String.valueOf(FreePorts.one());
      text = text.replaceAll("(?<![0-9])" + number + "(?![0-9])", free);
      moves.add(number + " -> " + free);
    }
    Files.writeString(file, text);
    MOVED_PORTS.put(corpusCase.name(), String.join(", ", moves));
    return file;
  }

  private static void createExternals(CaseResources resources, List<String> created) {
    Cli docker = Cli.docker();
    resources.externals().forEach((name, kind) -> {
      if (REMOVED_EXTERNALS.contains(name)) {
        awaitGone(kind, name);
      } else if (docker.run(kind, "inspect", name).exitCode() == 0) {
        return; // someone else's: used, never removed
      }
      if (kind.equals("network")) {
        docker.ok("network", "create", "--driver", "overlay", "--attachable", name);
      } else {
        Cli.Result result =
            docker.runWithInput("corpus test " + kind + "\n", kind, "create", name, "-");
        assertEquals(0, result.exitCode(), result.output());
      }
      created.add(name);
    });
  }

  /**
   * A network that an earlier case created and removed can stay listed by the node for a while, though the swarm
   * has forgotten it: the CLI then finds no such external network, and creating it again fails.
   */
  private static void awaitGone(String kind, String name) {
    for (int attempt = 0;
        attempt < 60 && Cli.docker().run(kind, "inspect", name).exitCode() == 0;
        attempt++) {
      Deployments.sleep(Duration.ofSeconds(1));
    }
  }

  private static void removeExternals(CaseResources resources, List<String> created) {
    Cli docker = Cli.docker();
    for (String name : created) {
      REMOVED_EXTERNALS.add(name);
      String kind = resources.externals().get(name);
      // a network can be refused for a few seconds while the removed stacks' tasks go away
      for (int attempt = 0;
          attempt < 30
              && docker.run(kind, "rm", name).exitCode() != 0
              && docker.run(kind, "inspect", name).exitCode() == 0;
          attempt++) {
        Deployments.sleep(Duration.ofSeconds(1));
      }
    }
  }

  private static void record(CorpusCase corpusCase, String result) {
    String moved = MOVED_PORTS.get(corpusCase.name());
    String noted = moved == null
        ? result
        : result + " (ports published elsewhere moved for both tools: " + moved + ")";
    RESULTS.put(
        corpusCase.name(),
        "| " + corpusCase.name() + " | " + corpusCase.text("licence") + " | "
            + noted.replace("|", "\\|").replace("\n", " ") + " |");
  }

  /** The CLI prints warnings before its error: the error is its last line. */
  private static String lastLine(String text) {
    List<String> lines = text.strip().lines().filter(line -> !line.isBlank()).toList();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }

  private static String firstLine(String text) {
    String stripped = text == null ? "" : text.strip();
    int newline = stripped.indexOf('\n');
    return newline < 0 ? stripped : stripped.substring(0, newline);
  }

  /** The per-case table, for the record of a run: {@code target/corpus-results.md}. */
  @AfterAll
  static void writeResultTable() throws IOException {
    List<String> lines = new ArrayList<>(List.of("| case | licence | result |", "|---|---|---|"));
    lines.addAll(RESULTS.values());
    Files.createDirectories(RESULT_TABLE.getParent());
    Files.write(RESULT_TABLE, lines);
    System.out.println(String.join("\n", lines));
  }
}
