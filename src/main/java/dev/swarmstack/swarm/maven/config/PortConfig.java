package dev.swarmstack.swarm.maven.config;

/**
 * A published port: the short form {@code <port>8080:80/udp</port>} ({@code [ip:]published:target[/protocol]})
 * or the long form {@code <port><target>80</target><published>8080</published><mode>host</mode></port>}.
 */
public class PortConfig {

  /** The short form. */
  String spec;

  /** Port inside the container. */
  Integer target;

  /** Port published on the swarm (ingress) or on the node (host). */
  Integer published;

  /** {@code tcp} (default) or {@code udp}. */
  String protocol;

  /** {@code ingress} (default: the routing mesh) or {@code host} (on the node running the task). */
  String mode;

  /** Maven calls this for the short form. */
  public void set(String spec) {
    this.spec = spec;
  }
}
