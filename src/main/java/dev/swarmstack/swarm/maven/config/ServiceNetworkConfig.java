package dev.swarmstack.swarm.maven.config;

import java.util.List;
import java.util.Map;

/**
 * A network a service joins: the short form {@code <network>backend</network>} or the long form
 * {@code <network><name>backend</name><aliases><alias>db</alias></aliases></network>}.
 */
public class ServiceNetworkConfig {

  /** The top-level network's key. */
  String name;

  /** Extra DNS names of the service on this network. */
  List<String> aliases;

  /** Driver options for the attachment ({@code driver_opts}). */
  Map<String, String> driverOpts;

  /** Maven calls this for the short form. */
  public void set(String name) {
    this.name = name;
  }
}
