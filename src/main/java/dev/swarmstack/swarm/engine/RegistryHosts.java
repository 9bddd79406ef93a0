package dev.swarmstack.swarm.engine;

/** Which registry an image reference points to, by the rules of the docker CLI's reference parser. */
public final class RegistryHosts {

  /** The Docker Hub, where every image without a registry host in its name lives. */
  public static final String DOCKER_HUB = "docker.io";

  private RegistryHosts() {}

  /**
   * {@code registry.example.com:5000/team/api:1} -> {@code registry.example.com:5000}; {@code nginx},
   * {@code team/api} -> {@code docker.io}. The first path component is a host when it contains a dot or a colon,
   * is {@code localhost}, or has upper case letters (which repository names can't have).
   */
  public static String of(String image) {
    int slash = image.indexOf('/');
    if (slash < 0) {
      return DOCKER_HUB;
    }
    String first = image.substring(0, slash);
    boolean isHost = first.equals("localhost")
        || first.contains(".")
        || first.contains(":")
        || !first.toLowerCase(java.util.Locale.ROOT).equals(first);
    if (!isHost || first.equals("index.docker.io")) {
      return DOCKER_HUB;
    }
    return first;
  }
}
