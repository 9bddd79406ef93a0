package dev.swarmstack.swarm.maven.config;

import java.util.Map;

/** A top-level secret or config, as under compose's {@code secrets:} and {@code configs:}. */
public class FileObjectConfig {

  /** The secret's or config's key in the stack, which services refer to. Required. */
  String name;

  /** Compose {@code name}: the name on the engine, instead of {@code <stack>_<name>}. */
  String engineName;

  /** File with the content; a relative path resolves against the project's base directory. */
  String file;

  /** Environment variable of the Maven process that holds the content (for CI secrets that never touch disk). */
  String environment;

  /** Maven property ({@code -Dname=...}, {@code <properties>}, a settings profile) that holds the content. */
  String property;

  /** The content itself, for configs only: a secret's value does not belong in the pom. */
  String content;

  /** The object exists already and is not managed by the stack. */
  Boolean external;

  /** Labels on the object. */
  Map<String, String> labels;

  /** Secret driver (secrets only); the content then comes from the driver instead of {@code file}. */
  String driver;

  /** Options for {@code driver} ({@code driver_opts}). */
  Map<String, String> driverOpts;

  /** Template driver ({@code template_driver}), e.g. {@code golang}: the content is rendered per task. */
  String templateDriver;
}
