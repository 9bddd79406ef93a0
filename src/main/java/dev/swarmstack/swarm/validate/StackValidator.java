package dev.swarmstack.swarm.validate;

import dev.swarmstack.swarm.compose.LoadedStack;
import dev.swarmstack.swarm.problem.Problem;
import dev.swarmstack.swarm.problem.UserTerms;
import java.util.List;

/**
 * Checks a loaded stack before anything reaches an engine; finds every problem, not only the first. The
 * rules are the ones the CLI and the engine would apply later, one at a time and with less context.
 */
public final class StackValidator {

  private static final List<Check> CHECKS = List.of(
      new NameCheck(),
      new ReferenceCheck(),
      new ServiceSettingsCheck(),
      new PortCheck(),
      new NetworkCheck(),
      new ConfigFromDriverCheck(),
      new FileObjectCheck(),
      new CapacityCheck());

  private final String stackName;
  private final UserTerms terms;

  /**
   * @param stackName the namespace the stack is deployed as; every object name is prefixed with it
   * @param terms how messages name what the user declares, sets and runs
   */
  public StackValidator(String stackName, UserTerms terms) {
    this.stackName = stackName;
    this.terms = terms;
  }

  /** A validator whose messages use {@link UserTerms#NEUTRAL}. */
  public StackValidator(String stackName) {
    this(stackName, UserTerms.NEUTRAL);
  }

  /** Every error and warning in {@code stack}, each naming its origin and the fix. */
  public List<Problem> validate(LoadedStack stack) {
    Findings findings = new Findings(stack, stackName, terms);
    CHECKS.forEach(check -> check.run(findings));
    return findings.problems().all();
  }
}
