package dev.swarmstack.swarm.maven;

import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.network.SharedNetworks;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Removes the networks declared under {@code <sharedNetworks>} that {@code swarm:networks} created (they carry its
 * label; others of the same name stay). Fails, removing nothing, while a service or container uses one of them.
 */
@Mojo(
    name = "networks-rm",
    defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST,
    threadSafe = true,
    configurator = PomConfigurator.HINT)
public class NetworksRemoveMojo extends AbstractEngineMojo {

  /** Skips this goal. */
  @Parameter(property = PropertyNames.NETWORKS_RM_SKIP, defaultValue = "false")
  private boolean skipNetworksRm;

  /** How long to wait for each network to become free once its last containers stop. */
  @Parameter(property = PropertyNames.TIMEOUT, defaultValue = "5m")
  private String timeout;

  @Override
  protected boolean skipGoal() {
    return skipNetworksRm;
  }

  @Override
  protected void run(SwarmEngine engine) throws MojoFailureException {
    new SharedNetworks(engine, deployLog(), duration(timeout, PropertyNames.TIMEOUT))
        .remove(sharedNetworks());
  }
}
