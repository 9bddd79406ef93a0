package dev.swarmstack.swarm.docker;

/** An Engine API version such as {@code 1.41}, ordered numerically (1.9 < 1.41). */
record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {

  static ApiVersion parse(String text) {
    String[] parts = text.split("\\.");
    try {
      return new ApiVersion(
          Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 0);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not an Engine API version: '" + text + "'", e);
    }
  }

  @Override
  public int compareTo(ApiVersion other) {
    return major != other.major
        ? Integer.compare(major, other.major)
        : Integer.compare(minor, other.minor);
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
