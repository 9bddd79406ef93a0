package dev.swarmstack.swarm.problem;

/**
 * One thing wrong with (or worth knowing about) the user's input. The message says what is wrong and how
 * to fix it, in one or two sentences, and never contains a secret value.
 */
public record Problem(Severity severity, Origin origin, String message) {

  public enum Severity {
    ERROR,
    WARNING
  }

  public static Problem error(Origin origin, String message) {
    return new Problem(Severity.ERROR, origin, message);
  }

  public static Problem warning(Origin origin, String message) {
    return new Problem(Severity.WARNING, origin, message);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  @Override
  public String toString() {
    return origin.location().isEmpty() ? message : origin.location() + ": " + message;
  }
}
