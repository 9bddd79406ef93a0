package dev.swarmstack.swarm.compose;

import dev.swarmstack.swarm.model.ComposeFile;
import dev.swarmstack.swarm.problem.Problem;
import java.nio.file.Path;
import java.util.List;

/**
 * The merged, interpolated and normalised stack, with where each value came from and the problems found while
 * loading: warnings (ignored keys, deprecated forms), and after a lenient load the errors too.
 *
 * @param workingDir the directory relative paths were resolved against
 */
public record LoadedStack(
    ComposeFile compose, SourceMap origins, List<Problem> problems, Path workingDir) {

  public List<Problem> warnings() {
    return problems.stream().filter(problem -> !problem.isError()).toList();
  }
}
