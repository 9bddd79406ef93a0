package dev.swarmstack.swarm.differential;

import dev.swarmstack.swarm.compose.ComposeWriter;
import dev.swarmstack.swarm.compose.LoadedStack;
import dev.swarmstack.swarm.compose.StackLoader;
import dev.swarmstack.swarm.compose.VariableSource;
import dev.swarmstack.swarm.convert.ConvertedStack;
import dev.swarmstack.swarm.convert.StackConverter;
import dev.swarmstack.swarm.deploy.DeployOptions;
import dev.swarmstack.swarm.deploy.DeployPlan;
import dev.swarmstack.swarm.deploy.Deployer;
import dev.swarmstack.swarm.docker.DockerSwarmEngine;
import dev.swarmstack.swarm.engine.EngineConnection;
import dev.swarmstack.swarm.problem.Problem;
import dev.swarmstack.swarm.problem.StackException;
import dev.swarmstack.swarm.stack.DeployLog;
import dev.swarmstack.swarm.testing.Cli;
import dev.swarmstack.swarm.testing.FreePorts;
import dev.swarmstack.swarm.testing.LeftoverContainers;
import dev.swarmstack.swarm.testing.RecordingLog;
import dev.swarmstack.swarm.validate.StackValidator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Deploys compose files with the docker CLI and with the plugin's core (loader, converter, deployer over the real
 * engine, behind a {@link WriteCounter}), and removes every stack it deployed. Both tools get the same variables:
 * {@code DIFFTEST_SUFFIX} (the stack name, for objects with a fixed {@code name:}), {@code DIFFTEST_EXTERNAL} (the
 * name of an external network, secret and config), {@code DIFFTEST_PORT1} to {@code DIFFTEST_PORT6}: consecutive
 * ports that nothing else publishes, the same for every stack deployed here (one after the other), and the variables
 * a case sets as a user would export them.
 */
final class Deployments implements AutoCloseable {

  /** Both deployments of one case: the CLI's and the plugin's, under stack names no other test uses. */
  record Pair(String cli, String plugin) {}

  /** Generous: on a busy engine a removed stack's tasks and job containers take long to go. */
  private static final Duration REMOVAL_TIMEOUT = Duration.ofSeconds(180);

  private static final int PUBLISHED_PORTS = 6;

  final Cli docker = Cli.docker();
  /**
   * Longer than the plugin's default per call: three lanes deploy corpus stacks at once, and on that busy engine a
   * network inspect once took over 30 s (a CI-like run on 05604f6, corpus case 66).
   */
  private static final Duration ENGINE_CALL_TIMEOUT = Duration.ofSeconds(120);

  final WriteCounter counter = new WriteCounter(
      DockerSwarmEngine.connect(new EngineConnection(null, null, null, ENGINE_CALL_TIMEOUT)));
  final List<String> log = new ArrayList<>();
  private final DeployLog deployLog = new RecordingLog(log);
  private final String external;
  private final Map<String, String> caseVariables;
  private final Set<String> stacks = new LinkedHashSet<>();
  private final Map<String, String> ports = FreePorts.variables("DIFFTEST_PORT", PUBLISHED_PORTS);

  /** @param external the name of the network, the secret and the config that the cases use as external */
  Deployments(String external) {
    this(external, Map.of());
  }

  Deployments(String external, Map<String, String> caseVariables) {
    this.external = external;
    this.caseVariables = Map.copyOf(caseVariables);
  }

  Pair pair() {
    String id = UUID.randomUUID().toString().substring(0, 8);
    Pair pair = new Pair("dfcli" + id, "dfplg" + id);
    stacks.add(pair.cli());
    stacks.add(pair.plugin());
    return pair;
  }

  Map<String, String> variables(String stack) {
    Map<String, String> variables = new TreeMap<>(caseVariables);
    variables.putAll(ports);
    variables.putAll(Map.of("DIFFTEST_SUFFIX", stack, "DIFFTEST_EXTERNAL", external));
    return variables;
  }

  /** {@code docker [--config dir] stack deploy <options> -c <file> <stack>}. */
  String cli(Cli command, Path file, String stack, String... options) {
    List<String> args = new ArrayList<>(List.of("stack", "deploy"));
    args.addAll(List.of(options));
    args.addAll(List.of("-c", file.toString(), stack));
    return command.ok(args.toArray(String[]::new));
  }

  String cli(Path file, String stack, String... options) {
    return cli(Cli.docker().withEnvironment(variables(stack)), file, stack, options);
  }

  /** Loads, validates, converts and deploys {@code file} as the deploy goal does with CLI names, without Maven. */
  DeployPlan plugin(Path file, String stack, DeployOptions options) {
    return plugin(file, stack, options, false);
  }

  /** The same, with secrets and configs named after their content when {@code rotate} (the goal's default). */
  DeployPlan plugin(Path file, String stack, DeployOptions options, boolean rotate) {
    ConvertedStack converted = converter(stack, rotate).convert(load(file, stack));
    return new Deployer(counter.engine(), deployLog).deploy(stack, converted, options);
  }

  /** {@code file} as {@code swarm:generate} writes it for {@code stack}, with rotated names. */
  String generated(Path file, String stack) {
    return ComposeWriter.write(converter(stack, true).deployedNames(load(file, stack)));
  }

  /** The stack as the goals load it: every error of the file stops it, as the goal's build failure. */
  private LoadedStack load(Path file, String stack) {
    LoadedStack loaded =
        new StackLoader(environment(stack)).load(List.of(file), null, file.getParent());
    List<Problem> errors = new StackValidator(stack)
        .validate(loaded).stream().filter(Problem::isError).toList();
    if (!errors.isEmpty()) {
      throw new StackException(errors);
    }
    return loaded;
  }

  private StackConverter converter(String stack, boolean rotate) {
    return new StackConverter(stack, environment(stack)::lookup).withRotation(rotate);
  }

  /** What the CLI's process sees: this machine's environment with the variables on top. */
  private VariableSource environment(String stack) {
    Map<String, String> variables = variables(stack);
    VariableSource lookup = name -> Optional.ofNullable(variables.get(name));
    return lookup.orElse(name -> Optional.ofNullable(System.getenv(name)));
  }

  StackSnapshot snapshot(String stack) {
    return StackSnapshot.of(docker, stack);
  }

  /**
   * {@code docker stack rm} every stack deployed here, repeated until nothing labelled with the stack is left: the
   * CLI doesn't wait, and a network can be refused for a few seconds while the tasks of its services go away.
   */
  @Override
  public void close() {
    try {
      for (String stack : stacks) {
        remove(stack);
      }
    } finally {
      counter.engine().close();
    }
  }

  /** Removes one stack now (its ingress ports and subnets become free for the next deployment). */
  void remove(String stack) {
    Instant deadline = Instant.now().plus(REMOVAL_TIMEOUT);
    while (!leftovers(stack).isEmpty()) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("stack " + stack + " still has " + leftovers(stack)
            + " after " + REMOVAL_TIMEOUT.toSeconds() + " s");
      }
      docker.run("stack", "rm", stack);
      // the exited containers of completed job tasks outlive their service and hold its networks
      LeftoverContainers.remove(docker, stack + "_");
      sleep(Duration.ofSeconds(1));
    }
    removeVolumes(stack);
  }

  /**
   * The named volumes the engine created for the stack's tasks, which {@code docker stack rm} never removes. One still
   * held by a container that is going away is tried again for a few seconds, then left.
   */
  private void removeVolumes(String stack) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    List<String> volumes = volumes(stack);
    while (!volumes.isEmpty()) {
      LeftoverContainers.remove(docker, stack + "_");
      List<String> command = new ArrayList<>(List.of("volume", "rm"));
      command.addAll(volumes);
      docker.run(command.toArray(String[]::new));
      volumes = volumes(stack);
      if (volumes.isEmpty() || Instant.now().isAfter(deadline)) {
        return;
      }
      sleep(Duration.ofSeconds(1));
    }
  }

  private List<String> volumes(String stack) {
    return docker
        .run("volume", "ls", "-q", "--filter", "label=com.docker.stack.namespace=" + stack)
        .stdout()
        .lines()
        .filter(line -> !line.isBlank())
        .toList();
  }

  /** Every service, network, secret and config labelled with the stack, as {@code "kind name"}. */
  List<String> leftovers(String stack) {
    List<String> left = new ArrayList<>();
    for (String kind : List.of("service", "network", "secret", "config")) {
      docker
          .ok(
              kind,
              "ls",
              "--filter",
              "label=com.docker.stack.namespace=" + stack,
              "--format",
              "{{.Name}}")
          .lines()
          .filter(line -> !line.isBlank())
          .map(name -> kind + " " + name)
          .forEach(left::add);
    }
    return left;
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
