package dev.swarmstack.swarm.validate;

import dev.swarmstack.swarm.compose.LoadedStack;
import dev.swarmstack.swarm.problem.Problem;
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
      new FileObjectCheck());

  private final String stackName;

  /** @param stackName the namespace the stack is deployed as; every object name is prefixed with it */
  public StackValidator(String stackName) {
    this.stackName = stackName;
  }

  /** Every error and warning in {@code stack}, each naming its origin and the fix. */
  public List<Problem> validate(LoadedStack stack) {
    Findings findings = new Findings(stack, stackName);
    CHECKS.forEach(check -> check.run(findings));
    return findings.problems().all();
  }
}
