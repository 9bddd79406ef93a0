package dev.swarmstack.swarm.maven;

import dev.swarmstack.swarm.deploy.DeployPlan;
import dev.swarmstack.swarm.deploy.Deployer;
import dev.swarmstack.swarm.engine.SwarmEngine;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Shows what {@code swarm:deploy} would do, changing nothing: create, update, remove or unchanged for every network,
 * secret, config and service, with an update's changes field by field ({@code replicas 2 -> 3}). Secret and config
 * contents are never shown. With {@code failOnChanges}, drift fails the build: a CI gate.
 */
@Mojo(name = "diff", threadSafe = true, configurator = PomConfigurator.HINT)
public class DiffMojo extends AbstractPlanMojo {

  /** Skips this goal. */
  @Parameter(property = PropertyNames.DIFF_SKIP, defaultValue = "false")
  private boolean skipDiff;

  /**
   * Fails the build when deploying would change anything, or a deployed network differs from its declaration in a
   * way the engine can't apply.
   */
  @Parameter(property = PropertyNames.DIFF_FAIL_ON_CHANGES, defaultValue = "false")
  private boolean failOnChanges;

  @Override
  protected boolean skipGoal() {
    return skipDiff;
  }

  @Override
  protected void run(SwarmEngine engine) throws MojoFailureException {
    Deployer deployer = new Deployer(engine, deployLog());
    DeployPlan plan = deployer.preview(stackName, convertedStack(), options());
    deployer.printPlan(plan);
    plan.blockers().forEach(blocker -> getLog().warn("Deploying this would fail: " + blocker));
    if (failOnChanges && plan.hasDrift()) {
      throw new MojoFailureException(
          "Stack " + stackName + " differs from its declaration (" + plan.writeCount()
              + " change(s) to deploy); " + PropertyNames.DIFF_FAIL_ON_CHANGES + " is set");
    }
  }
}
