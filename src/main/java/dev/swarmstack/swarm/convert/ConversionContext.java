package dev.swarmstack.swarm.convert;

import dev.swarmstack.swarm.compose.SourceMap;
import dev.swarmstack.swarm.model.ComposeFile;
import dev.swarmstack.swarm.problem.Origin;
import dev.swarmstack.swarm.problem.Problems;
import dev.swarmstack.swarm.stack.StackLabels;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/** What every part of one conversion shares: the stack, its namespace, where values came from, the errors. */
final class ConversionContext {

  final String namespace;
  final ComposeFile compose;
  final Function<String, Optional<String>> environment;
  final Path workingDir;
  final Problems problems = new Problems();
  private final SourceMap origins;

  ConversionContext(
      String namespace,
      ComposeFile compose,
      Function<String, Optional<String>> environment,
      SourceMap origins,
      Path workingDir) {
    this.namespace = namespace;
    this.compose = compose;
    this.environment = environment;
    this.origins = origins;
    this.workingDir = workingDir;
  }

  /** The same conversion of another stack (its own problems): rotation converts the stack renamed. */
  ConversionContext withCompose(ComposeFile other) {
    return new ConversionContext(namespace, other, environment, origins, workingDir);
  }

  /** {@code <namespace>_<name>}, the name the CLI gives a stack's own object. */
  String scope(String name) {
    return namespace + "_" + name;
  }

  /**
   * The engine name of a top-level object: its {@code name:}, else its key when external (the CLI's loader
   * names external objects after their key), else the scoped key.
   */
  String objectName(String key, String name, Boolean external) {
    if (name != null && !name.isEmpty()) {
      return name;
    }
    return Boolean.TRUE.equals(external) ? key : scope(key);
  }

  /** The user's labels plus the namespace label, as the CLI adds it to everything the stack owns. */
  SortedMap<String, String> withStackLabel(Map<String, String> labels) {
    SortedMap<String, String> result = labels == null ? new TreeMap<>() : new TreeMap<>(labels);
    result.put(StackLabels.NAMESPACE, namespace);
    return result;
  }

  /** Records an error of one service, at the value found by following {@code path} from the service. */
  void serviceError(String service, String message, Object... path) {
    Object[] full = new Object[path.length + 2];
    full[0] = "services";
    full[1] = service;
    System.arraycopy(path, 0, full, 2, path.length);
    error("service " + service + ": " + message, full);
  }

  /** Where the value found by following {@code path} from the document root was written. */
  Origin origin(Object... path) {
    return origins.at(path);
  }

  /** Records an error at the value found by following {@code path} from the document root. */
  void error(String message, Object... path) {
    problems.error(origins.at(path), message);
  }
}
