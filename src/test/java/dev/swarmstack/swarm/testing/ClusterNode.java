package dev.swarmstack.swarm.testing;

/**
 * One node of a {@link SwarmCluster}, as {@code cluster.sh nodes} prints it.
 *
 * @param name the harness's name: {@code m1}, {@code m2}... for managers, {@code w1}, {@code w2}... for workers
 * @param ip the node's address on the cluster's bridge (its advertise address)
 * @param hostname the node's hostname ({@code <cluster id>-<name>}), which {@code docker node ls} shows
 * @param host the node's engine address, {@code unix:///.../docker.sock}
 */
public record ClusterNode(String name, boolean manager, String ip, String hostname, String host) {

  static ClusterNode parse(String line) {
    String[] fields = line.trim().split(" ");
    if (fields.length != 5) {
      throw new IllegalArgumentException("not a node line of cluster.sh: " + line);
    }
    return new ClusterNode(fields[0], fields[1].equals("manager"), fields[2], fields[3], fields[4]);
  }
}
