package dev.swarmstack.swarm.deploy;

/**
 * The parts of an image name that deploying needs, parsed like the docker reference grammar:
 * {@code [registry/]path[:tag][@digest]}.
 *
 * @param name everything before the tag, as written
 * @param registry the registry host, {@link #DOCKER_HUB} when the name has none
 */
record ImageReference(String name, String registry, String tag, String digest) {

  /** The registry host that images without one come from; credentials for it are looked up under this name. */
  static final String DOCKER_HUB = "docker.io";

  static ImageReference parse(String image) {
    String rest = image;
    String digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
    }
    String tag = null;
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
    }
    int slash = rest.indexOf('/');
    String first = slash < 0 ? "" : rest.substring(0, slash);
    // the first path component is a registry only if it looks like a host: the grammar's rule
    boolean hasRegistry = first.contains(".") || first.contains(":") || first.equals("localhost");
    return new ImageReference(rest, hasRegistry ? first : DOCKER_HUB, tag, digest);
  }

  boolean hasDigest() {
    return digest != null;
  }

  /** The name as written, with {@code :latest} when it had neither tag nor digest (as the engine's client adds). */
  String withDefaultTag() {
    return name() + (tag != null ? ":" + tag : digest == null ? ":latest" : "") + (digest != null ? "@" + digest : "");
  }

  /** {@code name:tag@digest}: the form the CLI pins services to. */
  String pinnedTo(String newDigest) {
    return name() + ":" + (tag != null ? tag : "latest") + "@" + newDigest;
  }

  /** Without the digest, as {@code docker stack services/ps} show images. */
  String withoutDigest() {
    return name() + (tag != null ? ":" + tag : "");
  }
}
