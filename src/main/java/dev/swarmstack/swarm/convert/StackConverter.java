package dev.swarmstack.swarm.convert;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.compose.LoadedStack;
import dev.swarmstack.swarm.compose.SourceMap;
import dev.swarmstack.swarm.model.ComposeFile;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Converts a stack to the Engine API objects {@code docker stack deploy} creates, as docker/cli's
 * {@code cli/compose/convert} package does: same names, labels, defaults and order. The result is plain
 * Engine API JSON, so nothing the engine understands is lost on the way.
 */
public final class StackConverter {

  private final String namespace;
  private final Function<String, Optional<String>> environment;
  private final boolean rotate;

  /**
   * A converter that names objects as the CLI does.
   *
   * @param namespace the stack name
   * @param environment OS environment lookup for environment keys whose value is null
   */
  public StackConverter(String namespace, Function<String, Optional<String>> environment) {
    this(namespace, environment, false);
  }

  private StackConverter(
      String namespace, Function<String, Optional<String>> environment, boolean rotate) {
    this.namespace = Objects.requireNonNull(namespace, "namespace");
    this.environment = Objects.requireNonNull(environment, "environment");
    this.rotate = rotate;
  }

  /**
   * This converter, naming the stack's own secrets and configs after their content when {@code rotate}
   * ({@code <name>-<8 hex>}, see {@link VersionNames}) so that a changed content deploys as a new object.
   */
  public StackConverter withRotation(boolean rotate) {
    return new StackConverter(namespace, environment, rotate);
  }

  /**
   * The stack as it is deployed, for writing a stack file: with rotation, each own secret and config has its
   * versioned {@code name:}. Errors (an unreadable file) are left to {@link #convert(LoadedStack)}.
   */
  public ComposeFile deployedNames(LoadedStack stack) {
    ConversionContext context = context(stack);
    return rotate ? Rotation.named(context) : context.compose;
  }

  /**
   * Converts a stack whose file paths are absolute (or relative to the current directory).
   *
   * @throws dev.swarmstack.swarm.problem.StackException with every conversion error (undefined network,
   *     secret, config or volume; bad mode, cpus or restart policy; unreadable secret file...)
   */
  public ConvertedStack convert(ComposeFile compose) {
    return convert(new ConversionContext(namespace, compose, environment, new SourceMap(), null));
  }

  private ConversionContext context(LoadedStack stack) {
    return new ConversionContext(
        namespace, stack.compose(), environment, stack.origins(), stack.workingDir());
  }

  /**
   * Converts a loaded stack: errors name the file:line or pom element of the faulty value, and relative
   * paths (env files) resolve against the stack's working directory.
   *
   * @throws dev.swarmstack.swarm.problem.StackException with every conversion error
   */
  public ConvertedStack convert(LoadedStack stack) {
    return convert(context(stack));
  }

  private ConvertedStack convert(ConversionContext declared) {
    ConversionContext context = rotate ? declared.withCompose(Rotation.named(declared)) : declared;
    StackObjects objects = new StackObjects(context);
    SortedMap<String, ObjectNode> networks = new TreeMap<>();
    SortedSet<String> externalNetworks = new TreeSet<>();
    objects.networks(networks, externalNetworks);
    SortedMap<String, ObjectNode> secrets = objects.secrets();
    SortedMap<String, ObjectNode> configs = objects.configs();

    ServiceConverter converter = new ServiceConverter(context);
    SortedMap<String, ObjectNode> services = new TreeMap<>();
    context
        .compose
        .servicesOrEmpty()
        .forEach(
            (name, service) -> services.put(context.scope(name), converter.convert(name, service)));

    context.problems.throwIfErrors();
    return new ConvertedStack(
        networks,
        externalNetworks,
        secrets,
        configs,
        services,
        objects.networkOrigins(),
        objects.portOrigins());
  }
}
