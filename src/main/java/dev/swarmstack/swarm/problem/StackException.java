package dev.swarmstack.swarm.problem;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The user's stack definition is wrong. Carries every error found, not only the first; the Maven layer
 * turns it into a {@code MojoFailureException}.
 */
public class StackException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  public StackException(List<Problem> problems) {
    super(problems.size() == 1 ? problems.get(0).toString() : describe(problems));
    this.problems = List.copyOf(problems);
  }

  public StackException(Origin origin, String message) {
    this(List.of(Problem.error(origin, message)));
  }

  public List<Problem> problems() {
    return problems;
  }

  /** One line per problem, origin first, under their count: the user fixes them from the top without a stack trace. */
  public static String describe(List<Problem> problems) {
    String count = problems.size() == 1 ? "1 error" : problems.size() + " errors";
    return "The stack definition has " + count + ":"
        + problems.stream().map(p -> "\n  " + p).collect(Collectors.joining());
  }
}
