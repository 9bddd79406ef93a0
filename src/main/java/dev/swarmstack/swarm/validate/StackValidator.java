package dev.swarmstack.swarm.validate;

import dev.swarmstack.swarm.compose.LoadedStack;
import dev.swarmstack.swarm.problem.Problem;
import java.util.List;

/** Checks a loaded stack before anything reaches an engine; finds every problem, not only the first. */
public final class StackValidator {

  /** Every error and warning in {@code stack}, each naming its origin and the fix. */
  public List<Problem> validate(LoadedStack stack) {
    throw new UnsupportedOperationException("TODO(validator)");
  }
}
