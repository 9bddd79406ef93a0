package dev.swarmstack.swarm.maven;

import dev.swarmstack.swarm.deploy.ConvergeOptions;
import dev.swarmstack.swarm.deploy.DeployFailedException;
import dev.swarmstack.swarm.deploy.RolloutReport;
import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.history.GitCommit;
import dev.swarmstack.swarm.history.Provenance;
import dev.swarmstack.swarm.history.StackHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What {@code swarm:deploy} and {@code swarm:rollback} share: they write the stack under its lock, wait for it to
 * converge, roll it back when it fails, record a revision in the stack's history and write the deploy report.
 */
abstract class AbstractRolloutMojo extends AbstractPlanMojo {

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

  /**
   * How many revisions the stack's history keeps in the swarm (configs {@code <stack>.rev-<n>}); the oldest go
   * first, with the secret and config versions only they used. 0 records nothing.
   */
  @Parameter(property = PropertyNames.HISTORY_MAX, defaultValue = "" + StackHistory.DEFAULT_MAX)
  private int historyMax;

  @Parameter(defaultValue = "${plugin.version}", readonly = true)
  private String pluginVersion;

  /** The goal's work under the stack's lock. */
  protected void underLock(SwarmEngine engine, String goal, StackWrite write)
      throws MojoExecutionException, MojoFailureException, IOException {
    underStackLock(engine, goal, lock, lockTimeout, write);
  }

  protected ConvergeOptions convergeOptions(boolean detach) {
    return new ConvergeOptions(detach, options().timeout(), rollback, logLines);
  }

  /** How many revisions to keep. */
  protected int historyMax() throws MojoFailureException {
    if (historyMax < 0) {
      throw new MojoFailureException(PropertyNames.HISTORY_MAX + " is " + historyMax
          + ": give how many revisions to keep, or 0 to record none");
    }
    return historyMax;
  }

  /** This build, as the history records it: the project's coordinates and version, its git commit, who and where. */
  protected Provenance thisBuild() {
    return Provenance.ofThisBuild(
        project.getGroupId() + ":" + project.getArtifactId(),
        project.getVersion(),
        GitCommit.of(
                project.getBasedir() == null
                    ? Path.of("")
                    : project.getBasedir().toPath())
            .orElse(""),
        pluginVersion == null ? "" : pluginVersion);
  }

  /**
   * Runs the rollout and writes its report. A failed rollout is the stack's failure, unless the engine failed: then
   * the build could not run, as elsewhere.
   */
  protected void rollOut(Supplier<RolloutReport> rollout)
      throws MojoExecutionException, MojoFailureException, IOException {
    try {
      writeDeployReport(rollout.get());
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
