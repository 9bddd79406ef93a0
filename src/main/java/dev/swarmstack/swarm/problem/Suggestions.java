package dev.swarmstack.swarm.problem;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** "Did you mean": the known name nearest to a misspelt one, for compose keys, pom elements and properties alike. */
public final class Suggestions {

  private Suggestions() {}

  /** The candidate nearest to {@code word}, if one is close enough to be a typo of it (ties: alphabetical). */
  public static Optional<String> nearest(String word, Collection<String> candidates) {
    return candidates.stream()
        .filter(candidate -> distance(word, candidate) <= Math.max(2, word.length() / 4))
        .min(Comparator.comparingInt((String candidate) -> distance(word, candidate))
            .thenComparing(c -> c));
  }

  /** Levenshtein distance: small for typos such as {@code replica} / {@code replicas}. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
