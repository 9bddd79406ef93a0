package dev.swarmstack.swarm.deploy;

/**
 * The parts of an image name that deploying needs, parsed like the docker reference grammar:
 * {@code [registry/]path[:tag][@digest]}.
 *
 * @param name everything before the tag, as written
 */
record ImageReference(String name, String tag, String digest) {

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
    return new ImageReference(rest, tag, digest);
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
