package dev.swarmstack.swarm.maven;

import dev.swarmstack.swarm.deploy.DeployPlan;
import dev.swarmstack.swarm.deploy.Deployer;
import dev.swarmstack.swarm.engine.SwarmEngine;
import java.io.IOException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Shows what {@code swarm:deploy} would do, changing nothing: create, update, remove or unchanged for every network,
 * secret, config and service, with the changed fields of each updated service ({@code api: replicas 2 -> 3}). Secret
 * and config contents are never shown. With {@code failOnChanges}, a stack that drifted from the pom fails the build.
 */
@Mojo(name = "diff", threadSafe = true)
public class DiffMojo extends AbstractPlanMojo {

  /** Skips this goal. */
  @Parameter(property = PropertyNames.DIFF_SKIP, defaultValue = "false")
  private boolean skipDiff;

  /** Fails the build when deploying would change anything: a drift gate for CI. */
  @Parameter(property = PropertyNames.DIFF_FAIL_ON_CHANGES, defaultValue = "false")
  private boolean failOnChanges;

  @Override
  protected boolean skipGoal() {
    return skipDiff;
  }

  @Override
  protected void run(SwarmEngine engine) throws MojoExecutionException, MojoFailureException, IOException {
    Deployer deployer = new Deployer(engine, deployLog());
    DeployPlan plan = deployer.plan(stackName, convertedStack(), deployOptions());
    deployer.printPlan(plan);
    if (failOnChanges && plan.writeCount() > 0) {
      throw new MojoFailureException("Stack " + stackName + " differs from the pom: " + plan.writeCount()
          + " change(s), listed above (" + PropertyNames.DIFF_FAIL_ON_CHANGES + "=true)");
    }
  }
}
