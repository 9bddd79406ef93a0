package dev.swarmstack.swarm.maven.config;

import java.util.Map;

/** {@code logging}: the log driver of the service's containers. */
public class LoggingConfig {

  /** Log driver, e.g. {@code json-file}, {@code syslog}. */
  String driver;

  /** Driver options, e.g. {@code <max-size>10m</max-size>}. */
  Map<String, String> options;
}
