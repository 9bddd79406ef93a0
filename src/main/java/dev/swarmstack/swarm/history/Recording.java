package dev.swarmstack.swarm.history;

import java.util.OptionalInt;

/**
 * Whether and how a deploy goes into the stack's history.
 *
 * @param max revisions to keep; 0 records nothing and leaves the history as it is
 * @param provenance the build that deploys
 * @param restoredFrom the revision a rollback deploys again
 */
public record Recording(int max, Provenance provenance, OptionalInt restoredFrom) {

  /** Records nothing. */
  public static Recording off() {
    return new Recording(0, null, OptionalInt.empty());
  }

  public boolean isOn() {
    return max > 0;
  }
}
