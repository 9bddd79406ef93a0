package dev.swarmstack.swarm.maven.config;

/** {@code update_config} and {@code rollback_config}. */
public class UpdateConfig {

  /** Tasks updated at once; {@code 0} updates all at once. Default 1. */
  Long parallelism;

  /** Wait between updating groups of tasks, e.g. {@code 10s}. */
  String delay;

  /** {@code pause} (default), {@code continue} or {@code rollback} ({@code failure_action}). */
  String failureAction;

  /** How long to watch each task for failure after its update, e.g. {@code 30s}. */
  String monitor;

  /** Fraction of tasks that may fail during the update ({@code max_failure_ratio}), e.g. {@code 0.1}. */
  Double maxFailureRatio;

  /** {@code stop-first} (default) or {@code start-first}. */
  String order;
}
