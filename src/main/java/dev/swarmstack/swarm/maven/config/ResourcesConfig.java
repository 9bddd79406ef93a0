package dev.swarmstack.swarm.maven.config;

import java.util.List;

/** {@code resources}: what a task may use at most ({@code limits}) and is guaranteed ({@code reservations}). */
public class ResourcesConfig {

  /** Upper bounds. */
  Limits limits;

  /** Guarantees, used for scheduling. */
  Reservations reservations;

  /** {@code limits:}. */
  public static class Limits {
    /** CPUs as a decimal, e.g. {@code 0.5}. */
    String cpus;

    /** Memory, e.g. {@code 512M}. */
    String memory;

    /** Maximum number of processes. */
    Long pids;
  }

  /** {@code reservations:}. */
  public static class Reservations {
    /** CPUs as a decimal, e.g. {@code 0.25}. */
    String cpus;

    /** Memory, e.g. {@code 128M}. */
    String memory;

    /** Generic resources such as GPUs ({@code generic_resources}), each a {@code <kind>} and a {@code <value>}. */
    List<GenericResource> genericResources;
  }

  /** A discrete generic resource ({@code discrete_resource_spec}). */
  public static class GenericResource {
    /** Resource kind as advertised by the nodes, e.g. {@code gpu}. */
    String kind;

    /** How many. */
    Long value;
  }
}
