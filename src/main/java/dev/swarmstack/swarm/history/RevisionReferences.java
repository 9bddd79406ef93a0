package dev.swarmstack.swarm.history;

import java.util.Set;

/**
 * Which secret and config versions the stack's history needs.
 *
 * @param kept names that a stored revision uses: they stay, so that a rollback finds them
 * @param released names that only revisions just dropped from the history used: they may go, if nothing else uses
 *     them
 */
public record RevisionReferences(Set<String> kept, Set<String> released) {

  /** No history: nothing kept for it, nothing released. */
  public static final RevisionReferences NONE = new RevisionReferences(Set.of(), Set.of());
}
