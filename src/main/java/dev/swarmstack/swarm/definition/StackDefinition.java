package dev.swarmstack.swarm.definition;

import dev.swarmstack.swarm.compose.LoadedStack;
import dev.swarmstack.swarm.compose.SourceTree;
import dev.swarmstack.swarm.compose.VariableSource;
import dev.swarmstack.swarm.problem.Origin;
import dev.swarmstack.swarm.problem.Problem;
import dev.swarmstack.swarm.problem.Problems;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where a stack is defined: compose files, plus definitions given another way (the plugin's pom), already mapped to
 * compose's tree.
 *
 * @param stackName the stack's name, which validation checks the objects' names against
 * @param composeFiles compose files in merge order; may be empty
 * @param definitions the definitions beside the compose files, merged on top of them; may be empty
 * @param definitionProblems what mapping {@code definitions} found wrong, reported with the loader's
 * @param baseDir relative paths in {@code definitions} resolve against it
 * @param variables values for {@code ${VAR}} interpolation
 * @param contents fills in the secrets' and configs' contents that no file holds
 * @param sharedNetworks networks outside any stack, by the name services use; a service that names one the stack
 *     doesn't declare uses it as an external network
 */
public record StackDefinition(
    String stackName,
    List<Path> composeFiles,
    SourceTree definitions,
    List<Problem> definitionProblems,
    Path baseDir,
    VariableSource variables,
    ContentFill contents,
    Map<String, SharedNetworkName> sharedNetworks) {

  /** A shared network's name on the engine, and where it is declared. */
  public record SharedNetworkName(String engineName, Origin declaredAt) {}

  /** Puts contents the stack files can't hold into the loaded stack; what is wrong with them goes to problems. */
  @FunctionalInterface
  public interface ContentFill {

    ContentFill NONE = (stack, problems) -> stack;

    LoadedStack fill(LoadedStack stack, Problems problems);
  }
}
