package dev.swarmstack.swarm.maven;

import dev.swarmstack.swarm.deploy.ConvergeOptions;
import dev.swarmstack.swarm.deploy.DeployOptions;
import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.history.Provenance;
import dev.swarmstack.swarm.history.Revision;
import dev.swarmstack.swarm.release.RevisionRollback;
import java.io.IOException;
import java.util.OptionalInt;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Deploys a revision from the stack's history again, exactly as it ran: the same specs, image digests, and secret
 * and config versions; services, networks, secrets and configs it didn't have are removed. The previous revision
 * that went live, unless {@code revision} names another. Waits, reports and rolls back on failure like
 * {@code swarm:deploy}, and is recorded as a new revision. Needs no project: the history is in the swarm.
 */
@Mojo(
    name = "rollback",
    threadSafe = true,
    requiresProject = false,
    configurator = PomConfigurator.HINT)
public class RollbackMojo extends AbstractRolloutMojo {

  /** Skips this goal. */
  @Parameter(property = PropertyNames.ROLLBACK_SKIP, defaultValue = "false")
  private boolean skipRollback;

  /** The revision to deploy again ({@code swarm:history} lists them). Unset: the previous one. */
  @Parameter(property = PropertyNames.REVISION)
  private Integer revision;

  @Override
  protected boolean skipGoal() {
    return skipRollback;
  }

  @Override
  protected boolean usesStackDefinition() {
    return false;
  }

  @Override
  protected void run(SwarmEngine engine)
      throws MojoExecutionException, MojoFailureException, IOException {
    DeployOptions options = options();
    ConvergeOptions converge = convergeOptions(false);
    int historyMax = historyMax();
    Provenance build = thisBuild();
    OptionalInt number = Revisions.number(revision);
    RevisionRollback rollback = new RevisionRollback(engine, deployLog());
    underLock(engine, "rollback", () -> {
      Revision target = rollback.target(stackName, number);
      rollOut(() -> rollback.rollBack(stackName, target, options, converge, historyMax, build));
    });
  }
}
