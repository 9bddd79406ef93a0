package dev.swarmstack.swarm.compose;

import java.nio.file.Path;
import java.util.List;

/**
 * Loads a stack the way {@code docker stack deploy -c a.yml -c b.yml} does: each compose file is read and
 * interpolated, the files are merged in order, the pom's definitions are merged on top by name, and the
 * result is normalised into the typed model.
 */
public final class StackLoader {

  private final VariableSource variables;

  public StackLoader(VariableSource variables) {
    this.variables = variables;
  }

  /**
   * @param composeFiles compose files in merge order; may be empty
   * @param pomDefinitions the pom's networks, services, ... as a compose-shaped tree; may be empty
   * @param baseDir the project's base directory: relative paths in the pom resolve against it
   * @throws dev.swarmstack.swarm.problem.StackException with every error found
   */
  public LoadedStack load(List<Path> composeFiles, SourceTree pomDefinitions, Path baseDir) {
    throw new UnsupportedOperationException("TODO(loader)");
  }
}
