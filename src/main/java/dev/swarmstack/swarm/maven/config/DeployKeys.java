package dev.swarmstack.swarm.maven.config;

/**
 * The keys of compose's {@code deploy:} section. They may be written directly on {@code <service>} or
 * inside {@code <service><deploy>}; setting the same key in both places is an error.
 */
public abstract class DeployKeys {

  /** {@code replicated} (default), {@code global}, {@code replicated-job} or {@code global-job}. */
  String mode;

  /** Number of tasks (replicated), or of completions (replicated-job). */
  Long replicas;

  /** {@code vip} (default: one virtual IP) or {@code dnsrr} (DNS round robin). */
  String endpointMode;

  /** How the service is updated ({@code update_config}). */
  UpdateConfig updateConfig;

  /** How a failed update is rolled back ({@code rollback_config}). */
  UpdateConfig rollbackConfig;

  /** CPU, memory and pids limits and reservations. */
  ResourcesConfig resources;

  /** When tasks are restarted ({@code restart_policy}). */
  RestartPolicyConfig restartPolicy;

  /** Where tasks may run. */
  PlacementConfig placement;
}
