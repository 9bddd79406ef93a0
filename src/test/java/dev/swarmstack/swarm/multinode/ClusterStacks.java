package dev.swarmstack.swarm.multinode;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.swarmstack.swarm.compose.LoadedStack;
import dev.swarmstack.swarm.compose.SourceMap;
import dev.swarmstack.swarm.compose.SourceTree;
import dev.swarmstack.swarm.compose.StackLoader;
import dev.swarmstack.swarm.convert.ConvertedStack;
import dev.swarmstack.swarm.convert.StackConverter;
import dev.swarmstack.swarm.deploy.ConvergeOptions;
import dev.swarmstack.swarm.deploy.DeployOptions;
import dev.swarmstack.swarm.deploy.ResolveImage;
import dev.swarmstack.swarm.deploy.RolloutReport;
import dev.swarmstack.swarm.deploy.StackRollout;
import dev.swarmstack.swarm.docker.DockerSwarmEngine;
import dev.swarmstack.swarm.engine.EngineConnection;
import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.history.Recording;
import dev.swarmstack.swarm.remove.StackRemover;
import dev.swarmstack.swarm.stack.DeployLog;
import dev.swarmstack.swarm.testing.Cli;
import dev.swarmstack.swarm.testing.RecordingLog;
import dev.swarmstack.swarm.testing.SwarmCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Deploys compose stacks to a {@link SwarmCluster} the way {@code swarm:deploy} does (loader, converter, rollout
 * with its wait), through the first manager, and removes them again. Each instance is one stack with a unique
 * name; {@link #close()} removes it, so tests use it in try-with-resources or from {@code @AfterEach}.
 */
final class ClusterStacks implements AutoCloseable {

  static final DeployOptions DEPLOY =
      new DeployOptions(true, ResolveImage.NEVER, host -> Optional.empty(), Duration.ofMinutes(1));
  static final ConvergeOptions WAIT = new ConvergeOptions(false, Duration.ofSeconds(120), true, 5);

  final SwarmCluster cluster;
  final SwarmEngine engine;
  /** The manager the stack is deployed and inspected through. */
  private final String manager;

  final String namespace = "mn" + UUID.randomUUID().toString().substring(0, 8);
  final List<String> log = Collections.synchronizedList(new ArrayList<>());
  private final DeployLog deployLog = new RecordingLog(log);

  ClusterStacks(SwarmCluster cluster) {
    this(cluster, cluster.manager().name());
  }

  /** Deploys through the given manager ({@code m2}) instead of the first. */
  ClusterStacks(SwarmCluster cluster, String manager) {
    this.cluster = cluster;
    this.manager = manager;
    this.engine = DockerSwarmEngine.connect(new EngineConnection(
        cluster.node(manager).host(), "the test cluster", null, Duration.ofSeconds(30)));
  }

  /** Deploys the compose file's stack and waits, as {@code swarm:deploy} does. */
  RolloutReport deploy(String composeYaml, ConvergeOptions converge) {
    return new StackRollout(engine, deployLog)
        .deploy(namespace, convert(composeYaml), DEPLOY, converge, Recording.off());
  }

  RolloutReport deploy(String composeYaml) {
    return deploy(composeYaml, WAIT);
  }

  /** Deploys and waits through another engine, e.g. one that wraps {@link #engine} to inject faults. */
  RolloutReport deployThrough(SwarmEngine through, String composeYaml) {
    return new StackRollout(through, deployLog)
        .deploy(namespace, convert(composeYaml), DEPLOY, WAIT, Recording.off());
  }

  private ConvertedStack convert(String composeYaml) {
    Path compose = null;
    try {
      compose = Files.writeString(Files.createTempFile("multinode", ".yml"), composeYaml);
      SourceTree noPomDefinitions =
          new SourceTree(JsonNodeFactory.instance.objectNode(), new SourceMap());
      LoadedStack loaded = new StackLoader(name -> Optional.empty())
          .load(List.of(compose), noPomDefinitions, compose.getParent());
      return new StackConverter(namespace, name -> Optional.empty()).convert(loaded.compose());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (compose != null) {
        compose.toFile().delete();
      }
    }
  }

  String scoped(String service) {
    return namespace + "_" + service;
  }

  /** Node hostname -> number of the service's tasks that run there, as {@code docker service ps} lists them. */
  Map<String, Integer> runningTasksByNode(String service) {
    Map<String, Integer> byNode = new TreeMap<>();
    docker()
        .ok(
            "service",
            "ps",
            scoped(service),
            "--filter",
            "desired-state=running",
            "--format",
            "{{.Node}} {{.CurrentState}}")
        .lines()
        .filter(line -> line.contains(" Running "))
        .map(line -> line.split(" ")[0])
        .forEach(node -> byNode.merge(node, 1, Integer::sum));
    return byNode;
  }

  /** The container arguments of each task the swarm wants running, and its state, as {@code docker inspect} shows. */
  List<String> runningTaskArgs(String service) {
    List<String> ids = docker()
        .ok(
            "service",
            "ps",
            "-q",
            "--no-trunc",
            "--filter",
            "desired-state=running",
            scoped(service))
        .lines()
        .filter(line -> !line.isBlank())
        .toList();
    List<String> inspect = new ArrayList<>(
        List.of("inspect", "--format", "{{.Status.State}} {{json .Spec.ContainerSpec.Args}}"));
    inspect.addAll(ids);
    return docker().ok(inspect.toArray(String[]::new)).lines().sorted().toList();
  }

  /** The id of the service's running container on a node, for {@code docker exec} there. */
  String containerOn(String node, String service) {
    String ids = cluster
        .docker(node)
        .ok("ps", "-q", "--filter", "label=com.docker.swarm.service.name=" + scoped(service));
    return ids.lines()
        .findFirst()
        .orElseThrow(() -> new AssertionError("no task of " + service + " on " + node));
  }

  Cli docker() {
    return cluster.docker(manager);
  }

  @Override
  public void close() {
    try {
      new StackRemover(engine, deployLog)
          .remove(namespace, Duration.ofMinutes(1), StackRemover.Volumes.REMOVE);
    } finally {
      engine.close();
    }
  }
}
