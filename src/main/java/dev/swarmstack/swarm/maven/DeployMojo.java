package dev.swarmstack.swarm.maven;

import dev.swarmstack.swarm.convert.ConvertedStack;
import dev.swarmstack.swarm.deploy.ConvergeOptions;
import dev.swarmstack.swarm.deploy.DeployOptions;
import dev.swarmstack.swarm.deploy.StackRollout;
import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.history.Recording;
import java.io.IOException;
import java.util.OptionalInt;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Deploys the stack like {@code docker stack deploy}: prints the plan (create/update/unchanged/remove per object),
 * checks everything before the first write, leaves unchanged services alone; then waits until the whole stack has
 * converged, and rolls it back to what it was when it fails. Each deploy is recorded as a revision of the stack's
 * history ({@code swarm:history}, {@code swarm:rollback}).
 */
@Mojo(
    name = "deploy",
    defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST,
    threadSafe = true,
    configurator = PomConfigurator.HINT)
public class DeployMojo extends AbstractRolloutMojo {

  /** Skips this goal. */
  @Parameter(property = PropertyNames.DEPLOY_SKIP, defaultValue = "false")
  private boolean skipDeploy;

  /** Returns right after the writes, without waiting for the stack to converge (as {@code docker stack deploy}). */
  @Parameter(property = PropertyNames.DETACH, defaultValue = "false")
  private boolean detach;

  @Override
  protected boolean skipGoal() {
    return skipDeploy;
  }

  @Override
  protected void run(SwarmEngine engine)
      throws MojoExecutionException, MojoFailureException, IOException {
    DeployOptions options = options();
    ConvergeOptions converge = convergeOptions(detach);
    Recording recording = new Recording(historyMax(), thisBuild(), OptionalInt.empty());
    ConvertedStack stack = convertedStack();
    underLock(
        engine,
        "deploy",
        () -> rollOut(() -> new StackRollout(engine, deployLog())
            .deploy(stackName, stack, options, converge, recording)));
  }
}
