package dev.swarmstack.swarm.maven;

import dev.swarmstack.swarm.compose.LoadedStack;
import dev.swarmstack.swarm.compose.SourceTree;
import dev.swarmstack.swarm.compose.VariableSource;
import dev.swarmstack.swarm.convert.StackConverter;
import dev.swarmstack.swarm.definition.StackDefinition;
import dev.swarmstack.swarm.definition.StackDefinitionLoader;
import dev.swarmstack.swarm.maven.config.ContentSources;
import dev.swarmstack.swarm.maven.config.FileObjectConfig;
import dev.swarmstack.swarm.maven.config.NetworkConfig;
import dev.swarmstack.swarm.maven.config.PomStackMapper;
import dev.swarmstack.swarm.maven.config.ServiceConfig;
import dev.swarmstack.swarm.maven.config.SharedNetworkMapper;
import dev.swarmstack.swarm.maven.config.VolumeConfig;
import dev.swarmstack.swarm.network.SharedNetwork;
import dev.swarmstack.swarm.problem.Problem;
import dev.swarmstack.swarm.problem.Problems;
import dev.swarmstack.swarm.problem.StackException;
import dev.swarmstack.swarm.problem.UserTerms;
import dev.swarmstack.swarm.stack.DeployLog;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What the goals that use the stack definition share: the stack's name, its compose files plus the pom's
 * {@code <services>}, {@code <networks>}, ..., and loading and checking them.
 */
public abstract class AbstractSwarmMojo extends AbstractGoalMojo {

  /** The stack's name: the prefix of every service, network, secret and config it owns on the engine. */
  @Parameter(
      property = PropertyNames.STACK,
      defaultValue = "${project.artifactId}",
      required = true)
  protected String stackName;

  /**
   * Compose files, merged in order as {@code docker stack deploy -c a.yml -c b.yml} does; the pom's
   * definitions are merged on top. Relative paths resolve against the project's base directory.
   */
  @Parameter(property = PropertyNames.COMPOSE_FILES)
  private List<File> composeFiles;

  /** Networks, as compose's {@code networks:}; each {@code <network>} needs a {@code <name>}. */
  @Parameter
  private List<NetworkConfig> networks;

  /**
   * Networks outside any stack, created by {@code swarm:networks} and removed by {@code swarm:networks-rm}; each
   * {@code <network>} takes the elements of a stack's {@code <network>}, plus those compose can't express. A service
   * that names one not declared under {@code <networks>} uses it as an external network.
   */
  @Parameter
  private List<NetworkConfig> sharedNetworks;

  /** Services, as compose's {@code services:}; each {@code <service>} needs a {@code <name>}. */
  @Parameter
  private List<ServiceConfig> services;

  /** Named volumes, as compose's {@code volumes:}; each {@code <volume>} needs a {@code <name>}. */
  @Parameter
  private List<VolumeConfig> volumes;

  /** Secrets, as compose's {@code secrets:}; each {@code <secret>} needs a {@code <name>}. */
  @Parameter
  private List<FileObjectConfig> secrets;

  /** Configs, as compose's {@code configs:}; each {@code <config>} needs a {@code <name>}. */
  @Parameter
  private List<FileObjectConfig> configs;

  /**
   * Names each of the stack's own secrets and configs after its content ({@code <stack>_<name>-<8 hex>}), so that a
   * changed content deploys as a new object and the services using it are updated; old versions are removed once
   * the deploy converged. Off: the CLI's names, and a changed content fails the deploy before any write.
   */
  @Parameter(property = PropertyNames.ROTATE, defaultValue = "true")
  protected boolean rotate;

  /**
   * Loads the compose files and the pom's definitions once, interpolating {@code ${VAR}} from -D properties, then
   * project properties, then the environment, and validates the result ({@link StackDefinitionLoader}).
   *
   * @throws StackException when the stack has errors; {@link #execute()} reports them
   */
  protected LoadedStack loadStack() {
    return new StackDefinitionLoader(deployLog()).load(stackDefinition());
  }

  /** The stack definition the pom gives: its compose files, and its own definitions mapped to compose's tree. */
  private StackDefinition stackDefinition() {
    Problems mappingProblems = new Problems();
    SourceTree pomDefinitions =
        new PomStackMapper().map(networks, services, volumes, secrets, configs, mappingProblems);
    ContentSources contents = new ContentSources(AbstractSwarmMojo::environment, this::property);
    return new StackDefinition(
        stackName,
        composePaths(),
        pomDefinitions,
        mappingProblems.all(),
        project.getBasedir().toPath(),
        variables(),
        (stack, problems) -> contents.apply(stack, secrets, configs, problems),
        SharedNetworkMapper.byName(sharedNetworks));
  }

  /** Where the core workflows report progress: Maven's log. */
  protected DeployLog deployLog() {
    return new DeployLog() {
      @Override
      public void info(String message) {
        getLog().info(message);
      }

      @Override
      public void warn(String message) {
        getLog().warn(message);
      }

      @Override
      public UserTerms terms() {
        return PomTerms.INSTANCE;
      }
    };
  }

  /** The stack's errors, for the report of the pom mistakes that stopped the goal before it ran. */
  @Override
  protected List<Problem> definitionErrors() {
    try {
      loadStack();
      return List.of();
    } catch (StackException e) {
      return e.problems();
    }
  }

  /** Converts the stack to Engine API specs, with the objects' names as {@link #rotate} decides. */
  protected StackConverter converter() {
    return new StackConverter(stackName, AbstractSwarmMojo::environment).withRotation(rotate);
  }

  /**
   * The declared shared networks, checked.
   *
   * @throws StackException when a declaration has errors; {@link #execute()} reports them all
   */
  protected List<SharedNetwork> sharedNetworks() {
    Problems problems = new Problems();
    List<SharedNetwork> mapped = new SharedNetworkMapper().map(sharedNetworks, problems);
    problems.throwIfErrors();
    return mapped;
  }

  private VariableSource variables() {
    return ((VariableSource) this::property).orElse(AbstractSwarmMojo::environment);
  }

  /** The Maven process's environment variable {@code name}. */
  private static Optional<String> environment(String name) {
    return Optional.ofNullable(System.getenv(name));
  }

  /** A -D property, else a project property. */
  private Optional<String> property(String name) {
    return Optional.ofNullable(session.getUserProperties().getProperty(name))
        .or(() -> Optional.ofNullable(project.getProperties().getProperty(name)));
  }

  private List<Path> composePaths() {
    return composeFiles == null
        ? List.of()
        : composeFiles.stream().map(File::toPath).toList();
  }
}
