package dev.swarmstack.swarm.maven.config;

/** {@code healthcheck}. */
public class HealthcheckConfig {

  /** The check: a shell command string, or the exec form with {@code <arg>CMD</arg>} first. */
  CommandConfig test;

  /** Time between checks, e.g. {@code 30s}. */
  String interval;

  /** A check taking longer fails, e.g. {@code 10s}. */
  String timeout;

  /** Consecutive failures before the task is unhealthy. */
  Long retries;

  /** Grace period after start in which failures do not count ({@code start_period}). */
  String startPeriod;

  /** Time between checks during the start period ({@code start_interval}). */
  String startInterval;

  /** Disable the image's healthcheck. */
  Boolean disable;
}
