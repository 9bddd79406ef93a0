package dev.swarmstack.swarm.maven;

import dev.swarmstack.swarm.convert.ConvertedStack;
import dev.swarmstack.swarm.deploy.ConvergeOptions;
import dev.swarmstack.swarm.deploy.DeployFailedException;
import dev.swarmstack.swarm.deploy.DeployOptions;
import dev.swarmstack.swarm.deploy.RolloutReport;
import dev.swarmstack.swarm.deploy.StackRollout;
import dev.swarmstack.swarm.engine.SwarmEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Deploys the stack like {@code docker stack deploy}: prints the plan (create/update/unchanged/remove per object),
 * checks everything before the first write, leaves unchanged services alone; then waits until the whole stack has
 * converged, and rolls it back to what it was when it fails.
 */
@Mojo(
    name = "deploy",
    defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST,
    threadSafe = true,
    configurator = PomConfigurator.HINT)
public class DeployMojo extends AbstractPlanMojo {

  /** Skips this goal. */
  @Parameter(property = PropertyNames.DEPLOY_SKIP, defaultValue = "false")
  private boolean skipDeploy;

  /** Returns right after the writes, without waiting for the stack to converge (as {@code docker stack deploy}). */
  @Parameter(property = PropertyNames.DETACH, defaultValue = "false")
  private boolean detach;

  /**
   * When the deploy fails, restores the stack as it was: previous specs back, new services, networks, secrets and
   * configs removed; then waits for that to converge.
   */
  @Parameter(property = PropertyNames.ROLLBACK, defaultValue = "true")
  private boolean rollback;

  /** How many of the last log lines of each failed task the failure report shows. */
  @Parameter(property = PropertyNames.LOG_LINES, defaultValue = "20")
  private int logLines;

  /**
   * Takes the stack's lock (a swarm config {@code <stack>.lock}) for the whole goal, so that two deploys or rms of
   * one stack don't run at once. Off: nothing stops another build from writing the stack meanwhile.
   */
  @Parameter(property = PropertyNames.LOCK, defaultValue = "true")
  private boolean lock;

  /** How long to wait for another build that holds the stack's lock, in Go's duration syntax. */
  @Parameter(property = PropertyNames.LOCK_TIMEOUT, defaultValue = "5m")
  private String lockTimeout;

  @Override
  protected boolean skipGoal() {
    return skipDeploy;
  }

  @Override
  protected void run(SwarmEngine engine)
      throws MojoExecutionException, MojoFailureException, IOException {
    DeployOptions options = options();
    ConvergeOptions converge = new ConvergeOptions(detach, options.timeout(), rollback, logLines);
    ConvertedStack stack = convertedStack();
    underStackLock(
        engine, "deploy", lock, lockTimeout, () -> deploy(engine, stack, options, converge));
  }

  /** A failed deploy is the stack's failure, unless the engine failed: then the build could not run, as elsewhere. */
  private void deploy(
      SwarmEngine engine, ConvertedStack stack, DeployOptions options, ConvergeOptions converge)
      throws MojoExecutionException, MojoFailureException, IOException {
    try {
      writeDeployReport(
          new StackRollout(engine, deployLog()).deploy(stackName, stack, options, converge));
    } catch (DeployFailedException e) {
      String story = e.getMessage() + reportWritten(e.report());
      if (e.isEngineFailure()) {
        throw new MojoExecutionException(story, e);
      }
      throw new MojoFailureException(story);
    }
  }

  /** Writes the failed deploy's report; a failure to do so goes below the deploy's story, not in its place. */
  private String reportWritten(RolloutReport report) {
    try {
      writeDeployReport(report);
      return "";
    } catch (IOException e) {
      return "\nAlso, the deploy report could not be written: " + e.getMessage();
    }
  }

  /** {@code target/swarm/<stack>-deploy.json}: the plan, timings, final state and any failure, for CI and audit. */
  private void writeDeployReport(RolloutReport report) throws IOException {
    Path file = Path.of(project.getBuild().getDirectory(), REPORT_DIR, stackName + "-deploy.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, report.toJson());
    getLog().info("Wrote " + file);
  }
}
