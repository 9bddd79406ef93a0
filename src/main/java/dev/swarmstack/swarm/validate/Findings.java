package dev.swarmstack.swarm.validate;

import dev.swarmstack.swarm.compose.LoadedStack;
import dev.swarmstack.swarm.model.ComposeFile;
import dev.swarmstack.swarm.problem.Problems;
import dev.swarmstack.swarm.problem.UserTerms;

/** What one validation pass looks at, and where it reports: problems land at the origin of the value's path. */
final class Findings {

  private final LoadedStack stack;
  private final String stackName;
  private final UserTerms terms;
  private final Problems problems = new Problems();

  Findings(LoadedStack stack, String stackName, UserTerms terms) {
    this.stack = stack;
    this.stackName = stackName;
    this.terms = terms;
  }

  LoadedStack stack() {
    return stack;
  }

  ComposeFile compose() {
    return stack.compose();
  }

  String stackName() {
    return stackName;
  }

  /** The terms in which messages name what the user declares, sets and runs. */
  UserTerms terms() {
    return terms;
  }

  Problems problems() {
    return problems;
  }

  /** @param path keys and list indexes from the document root, e.g. {@code "services", "api", "ports", 2} */
  void error(String message, Object... path) {
    problems.error(stack.origins().at(path), message);
  }

  void warning(String message, Object... path) {
    problems.warning(stack.origins().at(path), message);
  }
}
