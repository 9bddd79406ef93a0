package dev.swarmstack.swarm.maven;

import dev.swarmstack.swarm.deploy.Deployer;
import dev.swarmstack.swarm.engine.SwarmEngine;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Deploys the stack like {@code docker stack deploy}: prints the plan (create/update/unchanged/remove per object),
 * checks everything before the first write, leaves unchanged services alone.
 */
@Mojo(name = "deploy", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true)
public class DeployMojo extends AbstractPlanMojo {

  /** Skips this goal. */
  @Parameter(property = PropertyNames.DEPLOY_SKIP, defaultValue = "false")
  private boolean skipDeploy;

  @Override
  protected boolean skipGoal() {
    return skipDeploy;
  }

  @Override
  protected void run(SwarmEngine engine) throws MojoFailureException {
    new Deployer(engine, deployLog()).deploy(stackName, convertedStack(), deployOptions());
  }
}
