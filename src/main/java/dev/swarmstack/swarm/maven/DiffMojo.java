package dev.swarmstack.swarm.maven;

import dev.swarmstack.swarm.deploy.DeployPlan;
import dev.swarmstack.swarm.deploy.Deployer;
import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.release.RevisionRollback;
import java.util.OptionalInt;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Shows what {@code swarm:deploy} would do, changing nothing: create, update, remove or unchanged for every network,
 * secret, config and service, with an update's changes field by field ({@code replicas 2 -> 3}). Secret and config
 * contents are never shown. With {@code failOnChanges}, drift fails the build: a CI gate. With {@code revision}, what
 * {@code swarm:rollback} to that revision would do.
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

  /**
   * Shows what {@code swarm:rollback} to this revision of the stack's history would change, instead of what deploying
   * the pom would.
   */
  @Parameter(property = PropertyNames.REVISION)
  private Integer revision;

  @Override
  protected boolean skipGoal() {
    return skipDiff;
  }

  @Override
  protected boolean usesStackDefinition() {
    return revision == null;
  }

  @Override
  protected void run(SwarmEngine engine) throws MojoFailureException {
    OptionalInt number = Revisions.number(revision);
    Deployer deployer = new Deployer(engine, deployLog());
    DeployPlan plan;
    String target;
    if (number.isPresent()) {
      RevisionRollback rollback = new RevisionRollback(engine, deployLog());
      plan = rollback.preview(stackName, rollback.target(stackName, number), options());
      target = "revision " + number.getAsInt();
    } else {
      plan = deployer.preview(stackName, convertedStack(), options());
      target = "its declaration";
    }
    deployer.printPlan(plan);
    plan.blockers().forEach(blocker -> getLog().warn("Deploying this would fail: " + blocker));
    if (failOnChanges && plan.hasDrift()) {
      throw new MojoFailureException(
          "Stack " + stackName + " differs from " + target + " (" + plan.writeCount()
              + " change(s) to deploy); " + PropertyNames.DIFF_FAIL_ON_CHANGES + " is set");
    }
  }
}
