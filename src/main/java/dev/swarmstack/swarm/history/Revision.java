package dev.swarmstack.swarm.history;

import dev.swarmstack.swarm.convert.ConvertedStack;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * One deploy of a stack, as its history keeps it: enough to deploy exactly the same again.
 *
 * @param number 1 for the stack's first recorded deploy, then one more for each
 * @param stack the specs as deployed: images as pinned, secrets and configs by their (versioned) names with their
 *     content hash and without their data, which stays in the swarm's own objects
 * @param changedServices the services the deploy created, updated or removed
 * @param restoredFrom the revision that a rollback deployed again, if this is a rollback
 */
public record Revision(
    int number,
    Instant time,
    Outcome outcome,
    Provenance provenance,
    List<String> changedServices,
    OptionalInt restoredFrom,
    ConvertedStack stack) {

  /** How the deploy ended. */
  public enum Outcome {
    /** Every service converged. */
    CONVERGED,
    /** Written without waiting ({@code detach}): nobody saw whether it converged. */
    DETACHED,
    /** It failed, and the stack was restored to what it was before. */
    ROLLED_BACK;

    /** {@code rolled back}: as tables and JSON show it. */
    public String text() {
      return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    static Outcome parse(String text) {
      return valueOf(text.toUpperCase(Locale.ROOT).replace(' ', '_'));
    }
  }

  /** Whether a rollback may go back to this revision without being asked for it by number. */
  public boolean wentLive() {
    return outcome != Outcome.ROLLED_BACK;
  }

  /** What the history table shows about it: {@code rollback to 1}, or the services it changed. */
  public String description() {
    String changed =
        changedServices.isEmpty() ? "no service changed" : String.join(", ", changedServices);
    return restoredFrom.isPresent()
        ? "rollback to " + restoredFrom.getAsInt() + " (" + changed + ")"
        : changed;
  }
}
