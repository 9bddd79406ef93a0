package dev.swarmstack.swarm.maven.config;

import java.util.Map;

/** A top-level named volume, as under compose's {@code volumes:}. The engine creates it on first use. */
public class VolumeConfig {

  /** The volume's key in the stack, which service mounts refer to as their source. Required. */
  String name;

  /** Compose {@code name}: the volume's name on the engine, instead of {@code <stack>_<name>}. */
  String engineName;

  /** Volume driver, e.g. {@code local}. */
  String driver;

  /** Driver options ({@code driver_opts}). */
  Map<String, String> driverOpts;

  /** The volume exists already and is not managed by the stack. */
  Boolean external;

  /** Labels on the volume. */
  Map<String, String> labels;
}
