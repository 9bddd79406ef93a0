package dev.swarmstack.swarm.maven;

import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.remove.StackRemover;
import dev.swarmstack.swarm.remove.StackRemover.History;
import dev.swarmstack.swarm.remove.StackRemover.Volumes;
import java.io.IOException;
import java.time.Duration;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Removes the stack like {@code docker stack rm}, whoever deployed it: services first, then (once their tasks have
 * stopped) secrets, configs and networks. Volumes stay unless {@code swarm.rm.volumes} is set.
 */
@Mojo(
    name = "rm",
    defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST,
    threadSafe = true,
    configurator = PomConfigurator.HINT)
public class RemoveMojo extends AbstractEngineMojo {

  /** Skips this goal. */
  @Parameter(property = PropertyNames.RM_SKIP, defaultValue = "false")
  private boolean skipRm;

  /** How long to wait for the services' tasks to stop, and for each network to become free. */
  @Parameter(property = PropertyNames.TIMEOUT, defaultValue = "5m")
  private String timeout;

  /**
   * Also remove the stack's named volumes, once the containers using them are gone. Volumes are local to each node:
   * this removes those on the engine the plugin talks to; other nodes keep theirs.
   */
  @Parameter(property = PropertyNames.RM_VOLUMES, defaultValue = "false")
  private boolean removeVolumes;

  /** Keeps the stack's history (its revisions, configs {@code <stack>.rev-<n>}), which is removed with it otherwise. */
  @Parameter(property = PropertyNames.RM_KEEP_HISTORY, defaultValue = "false")
  private boolean keepHistory;

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
    return skipRm;
  }

  @Override
  protected void run(SwarmEngine engine)
      throws MojoExecutionException, MojoFailureException, IOException {
    Duration wait = duration(timeout, PropertyNames.TIMEOUT);
    underStackLock(engine, "rm", lock, lockTimeout, () -> new StackRemover(engine, deployLog())
        .remove(
            stackName,
            wait,
            removeVolumes ? Volumes.REMOVE : Volumes.KEEP,
            keepHistory ? History.KEEP : History.REMOVE));
  }
}
