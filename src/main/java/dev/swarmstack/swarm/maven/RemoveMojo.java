package dev.swarmstack.swarm.maven;

import dev.swarmstack.swarm.deploy.StackRemover;
import dev.swarmstack.swarm.engine.SwarmEngine;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Removes the stack like {@code docker stack rm}, whoever deployed it: services first, then (once their tasks have
 * stopped) secrets, configs and networks. Volumes stay.
 */
@Mojo(name = "rm", defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST, threadSafe = true)
public class RemoveMojo extends AbstractEngineMojo {

  /** Skips this goal. */
  @Parameter(property = PropertyNames.RM_SKIP, defaultValue = "false")
  private boolean skipRm;

  /** How long to wait for the services' tasks to stop, and for each network to become free. */
  @Parameter(property = PropertyNames.TIMEOUT, defaultValue = "5m")
  private String timeout;

  /**
   * Also remove the stack's named volumes. Not supported yet: volumes are node-local and the engine interface has no
   * volume calls; setting it only logs a warning.
   */
  @Parameter(property = PropertyNames.RM_VOLUMES, defaultValue = "false")
  private boolean removeVolumes;

  @Override
  protected boolean skipGoal() {
    return skipRm;
  }

  @Override
  protected void run(SwarmEngine engine) throws MojoFailureException {
    new StackRemover(engine, deployLog()).remove(stackName, duration(timeout, PropertyNames.TIMEOUT));
    if (removeVolumes) {
      getLog().warn(PropertyNames.RM_VOLUMES + " is not supported yet: the stack's volumes were kept. Volumes are local"
          + " to each node; remove them on every node with docker volume rm");
    }
  }
}
