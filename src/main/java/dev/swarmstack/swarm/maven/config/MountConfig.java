package dev.swarmstack.swarm.maven.config;

/**
 * A service's mount: the short form {@code <volume>data:/var/lib/x:ro</volume>} ({@code source:target[:mode]},
 * a bind mount when the source starts with {@code .}, {@code /} or {@code ~}), or the long form with
 * {@code <type>}, {@code <source>}, {@code <target>} and options.
 */
public class MountConfig {

  /** The short form. */
  String spec;

  /** {@code volume}, {@code bind} or {@code tmpfs}. Required in the long form. */
  String type;

  /** The named volume's key or the host path (none for tmpfs). */
  String source;

  /** Path inside the container. */
  String target;

  /** Mount read-only ({@code read_only}). */
  Boolean readOnly;

  /** Mount consistency (ignored on Linux). */
  String consistency;

  /** Options for {@code bind} mounts. */
  BindOptions bind;

  /** Options for {@code volume} mounts. */
  VolumeOptions volume;

  /** Options for {@code tmpfs} mounts. */
  TmpfsOptions tmpfs;

  /** Maven calls this for the short form. */
  public void set(String spec) {
    this.spec = spec;
  }

  /** {@code bind:} options. */
  public static class BindOptions {
    /** Bind propagation, e.g. {@code rprivate}, {@code rshared}. */
    String propagation;
  }

  /** {@code volume:} options. */
  public static class VolumeOptions {
    /** Do not copy the image's content at the target into a new volume. */
    Boolean nocopy;
  }

  /** {@code tmpfs:} options. */
  public static class TmpfsOptions {
    /** Size of the tmpfs, e.g. {@code 64M} or a byte count. */
    String size;
  }
}
