package dev.swarmstack.swarm.maven;

import dev.swarmstack.swarm.compose.LoadedStack;
import dev.swarmstack.swarm.convert.ConvertedStack;
import dev.swarmstack.swarm.convert.StackConverter;
import dev.swarmstack.swarm.deploy.DeployOptions;
import dev.swarmstack.swarm.deploy.Deployer;
import dev.swarmstack.swarm.deploy.ResolveImage;
import dev.swarmstack.swarm.engine.SwarmEngine;
import java.util.Optional;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Deploys the stack like {@code docker stack deploy}: prints the plan (create/update/unchanged/remove per object),
 * checks everything before the first write, leaves unchanged services alone.
 */
@Mojo(name = "deploy", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true)
public class DeployMojo extends AbstractEngineMojo {

  /** Skips this goal. */
  @Parameter(property = PropertyNames.DEPLOY_SKIP, defaultValue = "false")
  private boolean skipDeploy;

  /**
   * Removes the stack's services, networks, secrets and configs that are no longer declared (only objects labelled
   * with this stack's name).
   */
  @Parameter(property = PropertyNames.PRUNE, defaultValue = "false")
  private boolean prune;

  /** Pins images to their registry digest: {@code always} (as the CLI), {@code changed} or {@code never}. */
  @Parameter(property = PropertyNames.RESOLVE_IMAGE, defaultValue = "always")
  private String resolveImage;

  /** With {@code prune}: how long to wait for removed services' tasks to stop before removing their networks. */
  @Parameter(property = PropertyNames.TIMEOUT, defaultValue = "5m")
  private String timeout;

  @Override
  protected boolean skipGoal() {
    return skipDeploy;
  }

  @Override
  protected void run(SwarmEngine engine) throws MojoFailureException {
    LoadedStack stack = loadStack();
    ConvertedStack converted = new StackConverter(stackName, name -> Optional.ofNullable(System.getenv(name)))
        .convert(stack.compose());
    DeployOptions options = new DeployOptions(prune, resolveImageMode(), registryCredentials()::forRegistry,
        duration(timeout, PropertyNames.TIMEOUT));
    new Deployer(engine, deployLog()).deploy(stackName, converted, options);
  }

  private ResolveImage resolveImageMode() throws MojoFailureException {
    try {
      return ResolveImage.parse(resolveImage);
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException(PropertyNames.RESOLVE_IMAGE + ": " + e.getMessage());
    }
  }
}
