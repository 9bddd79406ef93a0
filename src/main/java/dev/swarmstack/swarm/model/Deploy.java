package dev.swarmstack.swarm.model;

import java.util.List;
import java.util.SortedMap;

/** {@code deploy}: how the swarm runs a service. */
public record Deploy(
    String mode,
    Long replicas,
    SortedMap<String, String> labels,
    UpdateConfig updateConfig,
    UpdateConfig rollbackConfig,
    Resources resources,
    RestartPolicy restartPolicy,
    Placement placement,
    String endpointMode) {

  /** {@code update_config} and {@code rollback_config}. */
  public record UpdateConfig(
      Long parallelism,
      GoDuration delay,
      String failureAction,
      GoDuration monitor,
      Float maxFailureRatio,
      String order) {}

  public record Resources(Limits limits, Reservations reservations) {}

  /** {@code cpus} stays the string the user wrote ({@code "0.5"}), as the CLI keeps it. */
  public record Limits(String cpus, ByteSize memory, Long pids) {}

  public record Reservations(
      String cpus, ByteSize memory, List<GenericResource> genericResources) {}

  public record GenericResource(DiscreteResourceSpec discreteResourceSpec) {}

  public record DiscreteResourceSpec(String kind, Long value) {}

  public record RestartPolicy(
      String condition, GoDuration delay, Long maxAttempts, GoDuration window) {}

  public record Placement(
      List<String> constraints, List<Preference> preferences, Long maxReplicasPerNode) {}

  public record Preference(String spread) {}
}
