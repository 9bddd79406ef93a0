package dev.swarmstack.swarm.problem;

import java.nio.file.Path;

/**
 * Where a value came from, as a user can find it: {@code src/main/swarm/base.yml:12:5}, or the pom element
 * {@code <services><service>api</service><ports>[2]}.
 */
public record Origin(String location) {

  public static final Origin UNKNOWN = new Origin("");

  public static Origin file(Path file, int line, int column) {
    return new Origin(file + ":" + line + ":" + column);
  }

  public static Origin pom(String elementPath) {
    return new Origin(elementPath);
  }

  @Override
  public String toString() {
    return location;
  }
}
