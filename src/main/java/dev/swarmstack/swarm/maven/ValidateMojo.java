package dev.swarmstack.swarm.maven;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Checks the stack definition without an engine: every error at once, each naming its pom element or file:line. */
@Mojo(
    name = "validate",
    defaultPhase = LifecyclePhase.VALIDATE,
    threadSafe = true,
    configurator = PomConfigurator.HINT)
public class ValidateMojo extends AbstractSwarmMojo {

  /** Skips this goal. */
  @Parameter(property = PropertyNames.VALIDATE_SKIP, defaultValue = "false")
  private boolean skipValidate;

  @Override
  protected boolean skipGoal() {
    return skipValidate;
  }

  @Override
  protected void doExecute() {
    loadStack();
    getLog().info("Stack '" + stackName + "' is valid");
  }
}
