package dev.swarmstack.swarm.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Collects problems across a whole pass, so that the user sees all of them at once. */
public final class Problems {

  private final List<Problem> all = new ArrayList<>();

  public void error(Origin origin, String message) {
    all.add(Problem.error(origin, message));
  }

  public void warning(Origin origin, String message) {
    all.add(Problem.warning(origin, message));
  }

  public void addAll(List<Problem> problems) {
    all.addAll(problems);
  }

  /** Adds {@code problems} except errors at an origin that has an error already: the same value, reported twice. */
  public void addAllNotReportedYet(List<Problem> problems) {
    Set<Origin> reported =
        all.stream().filter(Problem::isError).map(Problem::origin).collect(Collectors.toSet());
    problems.stream()
        .filter(p -> !p.isError() || !reported.contains(p.origin()))
        .forEach(all::add);
  }

  public List<Problem> all() {
    return List.copyOf(all);
  }

  public List<Problem> warnings() {
    return all.stream().filter(p -> !p.isError()).toList();
  }

  public boolean hasErrors() {
    return all.stream().anyMatch(Problem::isError);
  }

  /** @throws StackException with every error collected, if there is any */
  public void throwIfErrors() {
    List<Problem> errors = all.stream().filter(Problem::isError).toList();
    if (!errors.isEmpty()) {
      throw new StackException(errors);
    }
  }
}
