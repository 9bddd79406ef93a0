package dev.swarmstack.swarm.maven;

import java.util.OptionalInt;
import org.apache.maven.plugin.MojoFailureException;

/** The {@code revision} parameter of {@code swarm:rollback} and {@code swarm:diff}. */
final class Revisions {

  private Revisions() {}

  /** @return empty when unset */
  static OptionalInt number(Integer revision) throws MojoFailureException {
    if (revision == null) {
      return OptionalInt.empty();
    }
    if (revision < 1) {
      throw new MojoFailureException(PropertyNames.REVISION + " is " + revision
          + ": revisions are numbered from 1; swarm:history lists them");
    }
    return OptionalInt.of(revision);
  }
}
