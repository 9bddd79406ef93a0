package dev.swarmstack.swarm.maven.config;

/** A ulimit: {@code <name>nproc</name><value>65535</value>}, or a {@code <soft>} and a {@code <hard>} limit. */
public class UlimitConfig {

  /** The limit's name, e.g. {@code nofile}, {@code nproc}. */
  String name;

  /** Soft and hard limit at once. */
  Integer value;

  /** Soft limit (with {@code <hard>}). */
  Integer soft;

  /** Hard limit (with {@code <soft>}). */
  Integer hard;
}
