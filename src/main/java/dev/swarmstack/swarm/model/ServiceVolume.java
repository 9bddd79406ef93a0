package dev.swarmstack.swarm.model;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;

/** A service's mount in long form; {@code type} is bind, volume, tmpfs, npipe or cluster. */
public record ServiceVolume(
    String type,
    String source,
    String target,
    Boolean readOnly,
    String consistency,
    Bind bind,
    VolumeOptions volume,
    ImageOptions image,
    Tmpfs tmpfs,
    Cluster cluster) {

  public record Bind(String propagation) {}

  public record VolumeOptions(
      @com.fasterxml.jackson.annotation.JsonProperty("nocopy")
      Boolean nocopy,

      String subpath) {}

  public record ImageOptions(String subpath) {}

  /** docker prints a tmpfs size as a number, unlike resource sizes. */
  public record Tmpfs(
      @JsonSerialize(converter = ByteSize.AsNumber.class) ByteSize size) {}

  /** Cluster (CSI) volumes carry no options in a compose file. */
  public record Cluster() {}
}
