package dev.swarmstack.swarm.maven;

import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.network.SharedNetworks;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Creates the networks declared under {@code <sharedNetworks>}, outside any stack, so that stacks can use them as
 * external networks. Idempotent: declared once in a parent pom, it may run in every module. A network that exists
 * with other properties fails the goal, naming each difference, unless {@code swarm.networks.recreate} is set.
 */
@Mojo(
    name = "networks",
    defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST,
    threadSafe = true,
    configurator = PomConfigurator.HINT)
public class NetworksMojo extends AbstractEngineMojo {

  /** Skips this goal. */
  @Parameter(property = PropertyNames.NETWORKS_SKIP, defaultValue = "false")
  private boolean skipNetworks;

  /**
   * Removes and creates again a shared network whose properties differ from its declaration (the engine can't change
   * a network in place). Only while nothing is attached to it: otherwise the goal fails and says what uses it.
   */
  @Parameter(property = PropertyNames.NETWORKS_RECREATE, defaultValue = "false")
  private boolean recreate;

  /** How long to wait for a network that is being recreated to become free. */
  @Parameter(property = PropertyNames.TIMEOUT, defaultValue = "5m")
  private String timeout;

  @Override
  protected boolean skipGoal() {
    return skipNetworks;
  }

  @Override
  protected void run(SwarmEngine engine) throws MojoFailureException {
    new SharedNetworks(engine, deployLog(), duration(timeout, PropertyNames.TIMEOUT))
        .create(sharedNetworks(), recreate);
  }
}
