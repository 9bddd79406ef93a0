package dev.swarmstack.swarm.maven;

import dev.swarmstack.swarm.convert.ConvertedStack;
import dev.swarmstack.swarm.convert.StackConverter;
import dev.swarmstack.swarm.deploy.DeployOptions;
import dev.swarmstack.swarm.deploy.ResolveImage;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** What {@code swarm:deploy} and {@code swarm:diff} share: the stack as the engine gets it, and how to plan it. */
abstract class AbstractPlanMojo extends AbstractEngineMojo {

  /**
   * Removes the stack's services, networks, secrets and configs that are no longer declared (only objects labelled
   * with this stack's name).
   */
  @Parameter(property = PropertyNames.PRUNE, defaultValue = "false")
  private boolean prune;

  /** Pins images to their registry digest: {@code always} (as the CLI), {@code changed} or {@code never}. */
  @Parameter(property = PropertyNames.RESOLVE_IMAGE, defaultValue = "always")
  private String resolveImage;

  /**
   * How long to wait for the whole stack to converge (and again for a rollback to converge), in Go's duration
   * syntax; with {@code prune}, also how long removed services' tasks may take to stop.
   */
  @Parameter(property = PropertyNames.TIMEOUT, defaultValue = "5m")
  private String timeout;

  protected ConvertedStack convertedStack() throws MojoExecutionException, MojoFailureException, IOException {
    return new StackConverter(stackName, name -> Optional.ofNullable(System.getenv(name))).convert(loadStack().compose());
  }

  protected DeployOptions deployOptions() throws MojoFailureException {
    return new DeployOptions(prune, resolveImageMode(), registryCredentials()::forRegistry, timeout());
  }

  protected Duration timeout() throws MojoFailureException {
    return duration(timeout, PropertyNames.TIMEOUT);
  }

  private ResolveImage resolveImageMode() throws MojoFailureException {
    try {
      return ResolveImage.parse(resolveImage);
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException(PropertyNames.RESOLVE_IMAGE + ": " + e.getMessage());
    }
  }
}
