package dev.swarmstack.swarm.differential;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The real-world corpus is what its manifest says: each case names its repository, path, commit and a permissive
 * licence, and holds the files it names. {@link CorpusIT} deploys the cases.
 */
class CorpusManifestTest {

  private static final int MINIMUM_CASES = 100;
  private static final Set<String> PERMISSIVE =
      Set.of("MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "ISC", "Unlicense", "0BSD");
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
  private static final Pattern REPOSITORY =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9_.-]+");
  private static final int MOST_CASES_FROM_ONE_REPOSITORY = 2;

  @Test
  void everyCaseNamesItsSourceAndAPermissiveLicenceAndHoldsItsFiles() {
    List<CorpusCase> cases = CorpusCase.all();
    assertTrue(
        cases.size() >= MINIMUM_CASES, cases.size() + " cases; the corpus needs " + MINIMUM_CASES);
    List<String> wrong = new ArrayList<>();
    for (CorpusCase corpusCase : cases) {
      check(
          wrong,
          corpusCase,
          REPOSITORY.matcher(corpusCase.text("repository")).matches(),
          "repository owner/name");
      check(wrong, corpusCase, !corpusCase.text("path").isEmpty(), "path");
      check(
          wrong,
          corpusCase,
          COMMIT.matcher(corpusCase.text("commit")).matches(),
          "commit (40 hex digits)");
      check(
          wrong,
          corpusCase,
          PERMISSIVE.contains(corpusCase.text("licence")),
          "licence, one of " + new java.util.TreeSet<>(PERMISSIVE) + ", not '"
              + corpusCase.text("licence") + "'");
      check(
          wrong,
          corpusCase,
          Files.isRegularFile(corpusCase.stackFile()),
          "file " + corpusCase.stackFile());
      for (String sidecar : corpusCase.sidecars()) {
        check(
            wrong,
            corpusCase,
            Files.isRegularFile(corpusCase.folder().resolve(sidecar)),
            "sidecar " + sidecar);
      }
    }
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }

  @Test
  void noRepositoryDominatesTheCorpus() {
    Map<String, Integer> perRepository = new TreeMap<>();
    CorpusCase.all()
        .forEach(c -> perRepository.merge(c.text("repository").toLowerCase(), 1, Integer::sum));
    assertAll(perRepository.entrySet().stream()
        .map(entry -> () -> assertTrue(
            entry.getValue() <= MOST_CASES_FROM_ONE_REPOSITORY,
            entry.getKey() + " has " + entry.getValue() + " cases")));
  }

  private static void check(List<String> wrong, CorpusCase corpusCase, boolean holds, String what) {
    if (!holds) {
      wrong.add(corpusCase.name() + ": case.yml lacks a valid " + what);
    }
  }
}
