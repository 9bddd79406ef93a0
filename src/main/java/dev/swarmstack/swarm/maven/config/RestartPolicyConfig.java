package dev.swarmstack.swarm.maven.config;

/** {@code restart_policy}. */
public class RestartPolicyConfig {

  /** {@code none}, {@code on-failure} or {@code any} (default). */
  String condition;

  /** Wait between restart attempts, e.g. {@code 5s}. */
  String delay;

  /** Restarts before giving up ({@code max_attempts}); unlimited when not set. */
  Long maxAttempts;

  /** How long to wait before deciding a restart succeeded, e.g. {@code 2m}. */
  String window;
}
