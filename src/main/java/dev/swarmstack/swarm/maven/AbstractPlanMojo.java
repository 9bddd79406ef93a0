package dev.swarmstack.swarm.maven;

import dev.swarmstack.swarm.convert.ConvertedStack;
import dev.swarmstack.swarm.deploy.DeployOptions;
import dev.swarmstack.swarm.deploy.ResolveImage;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** What {@code swarm:deploy} and {@code swarm:diff} share: they compute the same plan from the same options. */
abstract class AbstractPlanMojo extends AbstractEngineMojo {

  /**
   * Removes the stack's services, networks, secrets and configs that are no longer declared (only objects labelled
   * with this stack's name).
   */
  @Parameter(property = PropertyNames.PRUNE, defaultValue = "false")
  private boolean prune;

  /**
   * Confirms a prune that removes every service of the live stack. Without it such a deploy fails before any write
   * and lists what it would remove: usually the stack name or the compose files are wrong.
   */
  @Parameter(property = PropertyNames.PRUNE_ALL_SERVICES, defaultValue = "false")
  private boolean pruneAllServices;

  /** Pins images to their registry digest: {@code always} (as the CLI), {@code changed} or {@code never}. */
  @Parameter(property = PropertyNames.RESOLVE_IMAGE, defaultValue = "always")
  private String resolveImage;

  /**
   * How long the deploy waits for the stack to converge (and a rollback for the restored stack), and pruning for
   * removed services' tasks to stop before removing their networks. Go duration syntax ({@code 90s}, {@code 5m}).
   */
  @Parameter(property = PropertyNames.TIMEOUT, defaultValue = "5m")
  private String timeout;

  private DeployOptions options;

  private ConvertedStack stack;

  /** The options, then the stack: bad input fails here, before the engine is asked anything. */
  @Override
  protected void prepare() throws MojoFailureException {
    options = deployOptions();
    stack = usesStackDefinition() ? converter().convert(loadStack()) : null;
  }

  /** Whether the goal deploys the pom's stack definition, rather than a revision from the stack's history. */
  protected boolean usesStackDefinition() {
    return true;
  }

  /** The stack as Engine API specs, from the compose files and the pom ({@link #prepare}). */
  protected ConvertedStack convertedStack() {
    return stack;
  }

  /** The options of the plan and the deploy ({@link #prepare}). */
  protected DeployOptions options() {
    return options;
  }

  private DeployOptions deployOptions() throws MojoFailureException {
    return new DeployOptions(
        prune,
        resolveImageMode(),
        registryCredentials()::forRegistry,
        duration(timeout, PropertyNames.TIMEOUT),
        pruneAllServices);
  }

  private ResolveImage resolveImageMode() throws MojoFailureException {
    try {
      return ResolveImage.parse(resolveImage);
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException(PropertyNames.RESOLVE_IMAGE + ": " + e.getMessage());
    }
  }
}
