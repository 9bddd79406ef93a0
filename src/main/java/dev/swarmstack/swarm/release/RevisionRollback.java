package dev.swarmstack.swarm.release;

import dev.swarmstack.swarm.deploy.ConvergeOptions;
import dev.swarmstack.swarm.deploy.DeployOptions;
import dev.swarmstack.swarm.deploy.DeployPlan;
import dev.swarmstack.swarm.deploy.Deployer;
import dev.swarmstack.swarm.deploy.ResolveImage;
import dev.swarmstack.swarm.deploy.RolloutReport;
import dev.swarmstack.swarm.deploy.StackRollout;
import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.history.Provenance;
import dev.swarmstack.swarm.history.Recording;
import dev.swarmstack.swarm.history.Revision;
import dev.swarmstack.swarm.history.StackHistory;
import dev.swarmstack.swarm.stack.DeployLog;
import java.util.OptionalInt;

/**
 * Deploys a revision from the stack's history again, exactly: its specs, its pinned images, its secret and config
 * versions; what it didn't have is removed. Like a deploy it waits, rolls back on failure, and is recorded as a new
 * revision.
 */
public final class RevisionRollback {

  private final SwarmEngine engine;
  private final DeployLog log;

  public RevisionRollback(SwarmEngine engine, DeployLog log) {
    this.engine = engine;
    this.log = log;
  }

  /**
   * @param number the revision asked for; empty: the one before the current one
   * @throws dev.swarmstack.swarm.history.HistoryException when there is no such revision or it can't be read
   */
  public Revision target(String namespace, OptionalInt number) {
    StackHistory history = new StackHistory(engine);
    return number.isPresent()
        ? history.read(namespace, number.getAsInt())
        : history.previous(namespace);
  }

  /** What rolling back to {@code revision} would change; writes nothing. */
  public DeployPlan preview(String namespace, Revision revision, DeployOptions options) {
    return new Deployer(engine, log).preview(namespace, revision.stack(), exactly(options));
  }

  /**
   * @param build the build that rolls back, recorded with the revision's own project, version and commit
   * @throws dev.swarmstack.swarm.deploy.DeployFailedException when it did not converge
   */
  public RolloutReport rollBack(
      String namespace,
      Revision revision,
      DeployOptions options,
      ConvergeOptions converge,
      int historyMax,
      Provenance build) {
    log.info("Rolling stack " + namespace + " back to revision " + revision.number() + " ("
        + revision.provenance().version() + ", deployed " + revision.time() + ")");
    Recording recording = new Recording(
        historyMax, revision.provenance().redeployedBy(build), OptionalInt.of(revision.number()));
    return new StackRollout(engine, log)
        .deploy(namespace, revision.stack(), exactly(options), converge, recording);
  }

  /**
   * The revision's images as recorded, and everything it didn't have removed, however many services that is: the
   * stack becomes what the revision was.
   */
  private static DeployOptions exactly(DeployOptions options) {
    return new DeployOptions(
        true, ResolveImage.RECORDED, options.credentials(), options.timeout(), true);
  }
}
