package dev.swarmstack.swarm.maven;

import dev.swarmstack.swarm.compose.LoadedStack;
import dev.swarmstack.swarm.compose.SourceTree;
import dev.swarmstack.swarm.compose.StackLoader;
import dev.swarmstack.swarm.compose.VariableSource;
import dev.swarmstack.swarm.convert.StackConverter;
import dev.swarmstack.swarm.maven.config.ContentSources;
import dev.swarmstack.swarm.maven.config.FileObjectConfig;
import dev.swarmstack.swarm.maven.config.NetworkConfig;
import dev.swarmstack.swarm.maven.config.PomStackMapper;
import dev.swarmstack.swarm.maven.config.ServiceConfig;
import dev.swarmstack.swarm.maven.config.SharedNetworkMapper;
import dev.swarmstack.swarm.maven.config.VolumeConfig;
import dev.swarmstack.swarm.model.ComposeFile;
import dev.swarmstack.swarm.network.SharedNetwork;
import dev.swarmstack.swarm.problem.Problem;
import dev.swarmstack.swarm.problem.Problems;
import dev.swarmstack.swarm.problem.StackException;
import dev.swarmstack.swarm.validate.StackValidator;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What the goals that use the stack definition share: the stack's name, its compose files plus the pom's
 * {@code <services>}, {@code <networks>}, ..., and loading and checking them.
 */
public abstract class AbstractSwarmMojo extends AbstractGoalMojo {

  /** The stack's name: the prefix of every service, network, secret and config it owns on the engine. */
  @Parameter(property = PropertyNames.STACK, defaultValue = "${project.artifactId}", required = true)
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
   * Loads the compose files and the pom's definitions, interpolating {@code ${VAR}} from -D properties, then
   * project properties, then the environment, and validates the result; logs the warnings and throws every
   * error of all three steps at once.
   *
   * @throws StackException when the stack has errors; {@link #execute()} reports them
   */
  protected LoadedStack loadStack() {
    Problems problems = new Problems();
    List<NetworkConfig> stackNetworks = new ArrayList<>(networks == null ? List.of() : networks);
    stackNetworks.addAll(sharedNetworksUsed());
    SourceTree pomDefinitions = new PomStackMapper().map(stackNetworks, services, volumes, secrets, configs, problems);
    LoadedStack stack = new StackLoader(variables()).loadLeniently(composePaths(), pomDefinitions, project.getBasedir().toPath());
    problems.addAll(stack.problems());
    stack = new ContentSources(AbstractSwarmMojo::environment, this::property)
        .apply(stack, secrets, configs, problems);
    // validating what could be loaded shows every error at once; a value the loader refused is reported once
    problems.addAllNotReportedYet(new StackValidator(stackName).validate(stack));
    problems.warnings().forEach(warning -> getLog().warn(warning.toString()));
    if (problems.hasErrors()) {
      throw new StackException(errors(problems));
    }
    return stack;
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
   * External declarations for the shared networks the services name without declaring them. Which names they use is
   * known only once the compose files are loaded, so this loads them once beforehand; its problems are left to the real
   * load, which finds them again.
   */
  private List<NetworkConfig> sharedNetworksUsed() {
    if (sharedNetworks == null || sharedNetworks.isEmpty()) {
      return List.of();
    }
    SourceTree pomDefinitions = new PomStackMapper().map(networks, services, volumes, secrets, configs, new Problems());
    ComposeFile compose = new StackLoader(variables())
        .loadLeniently(composePaths(), pomDefinitions, project.getBasedir().toPath()).compose();
    Set<String> referenced = new HashSet<>();
    compose.servicesOrEmpty().values().stream().filter(service -> service != null && service.networks() != null)
        .forEach(service -> referenced.addAll(service.networks().keySet()));
    return SharedNetworkMapper.externalsFor(sharedNetworks, referenced, compose.networksOrEmpty().keySet());
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

  private static List<Problem> errors(Problems problems) {
    return problems.all().stream().filter(Problem::isError).toList();
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
    return composeFiles == null ? List.of() : composeFiles.stream().map(File::toPath).toList();
  }
}
