package dev.swarmstack.swarm.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A running multi-node swarm started by {@code scripts/cluster.sh}: its nodes, their engine addresses, and the
 * operations tests need on nodes (stop and start a node's dockerd). Tests use the engine addresses with the plugin's
 * own engine code, and {@link #docker(String)} as the oracle.
 */
public final class SwarmCluster implements AutoCloseable {

  /** The script, found from the build's base directory (failsafe's working directory). */
  private static final Path SCRIPT =
      Path.of(System.getProperty("swarm.clusterScript", "scripts/cluster.sh"));
  /** Three nodes start in about 10 s on an idle machine; a busy CI machine takes several times that. */
  private static final long SCRIPT_TIMEOUT_SECONDS = 300;

  private final String id;
  private final List<ClusterNode> nodes;
  private boolean closed;

  private SwarmCluster(String id, List<ClusterNode> nodes) {
    this.id = id;
    this.nodes = List.copyOf(nodes);
  }

  /**
   * Starts a cluster with a fresh id; this JVM owns it, so {@code cluster.sh gc} removes it should the JVM die
   * before {@link #close()}.
   */
  public static SwarmCluster start(int managers, int workers) {
    if (!Files.isRegularFile(SCRIPT)) {
      throw new IllegalStateException(
          "no cluster script at " + SCRIPT.toAbsolutePath() + " (set -Dswarm.clusterScript)");
    }
    String id = "j" + UUID.randomUUID().toString().replace("-", "").substring(0, 6);
    String stdout = script(
        "up",
        "--name",
        id,
        "--managers",
        String.valueOf(managers),
        "--workers",
        String.valueOf(workers),
        "--owner",
        String.valueOf(ProcessHandle.current().pid()));
    return new SwarmCluster(
        id,
        stdout.lines().filter(line -> !line.isBlank()).map(ClusterNode::parse).toList());
  }

  public String id() {
    return id;
  }

  public List<ClusterNode> nodes() {
    return nodes;
  }

  public ClusterNode node(String name) {
    return nodes.stream()
        .filter(node -> node.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no node " + name + " in " + nodes));
  }

  /** The manager that created the swarm ({@code m1}). */
  public ClusterNode manager() {
    return node("m1");
  }

  public List<ClusterNode> managers() {
    return nodes.stream().filter(ClusterNode::manager).toList();
  }

  public List<ClusterNode> workers() {
    return nodes.stream().filter(node -> !node.manager()).toList();
  }

  /** Node hostnames by harness name, as the swarm reports them in {@code docker node ls} and task listings. */
  public Map<String, String> hostnames() {
    return nodes.stream().collect(Collectors.toMap(ClusterNode::name, ClusterNode::hostname));
  }

  /** The docker CLI talking to one node's engine. */
  public Cli docker(String node) {
    return Cli.docker().withHost(node(node).host());
  }

  /** The docker CLI talking to the first manager. */
  public Cli docker() {
    return docker("m1");
  }

  /**
   * Stops one node's dockerd and everything it runs. {@code kill}: SIGKILL at once, like a power cut; otherwise
   * SIGTERM, which lets the engine stop its containers first (up to 30 s). The node's data and network stay.
   */
  public void stopNode(String node, boolean kill) {
    node(node);
    if (kill) {
      script("stop-node", "--name", id, "--node", node, "--kill");
    } else {
      script("stop-node", "--name", id, "--node", node);
    }
  }

  /** Starts a stopped node's dockerd again on its data: it rejoins the swarm by itself. */
  public void startNode(String node) {
    node(node);
    script("start-node", "--name", id, "--node", node);
  }

  /** Tears the cluster down: every process by its pid, the namespaces, links, iptables rule and files. */
  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      script("down", "--name", id);
    }
  }

  private static String script(String... args) {
    String[] command = new String[args.length + 2];
    command[0] = "bash";
    command[1] = SCRIPT.toString();
    System.arraycopy(args, 0, command, 2, args.length);
    Cli.Result result = Cli.commands().withTimeout(SCRIPT_TIMEOUT_SECONDS).run(command);
    if (result.exitCode() != 0) {
      throw new IllegalStateException(
          String.join(" ", command) + " failed (" + result.exitCode() + "):\n" + result.output());
    }
    return result.stdout();
  }

  @Override
  public String toString() {
    return "cluster " + id + " " + nodes.stream().map(ClusterNode::name).toList();
  }
}
