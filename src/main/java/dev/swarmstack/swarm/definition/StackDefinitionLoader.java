package dev.swarmstack.swarm.definition;

import dev.swarmstack.swarm.compose.LoadedStack;
import dev.swarmstack.swarm.compose.SourceMap;
import dev.swarmstack.swarm.compose.StackLoader;
import dev.swarmstack.swarm.definition.StackDefinition.SharedNetworkName;
import dev.swarmstack.swarm.model.ComposeFile;
import dev.swarmstack.swarm.model.Network;
import dev.swarmstack.swarm.model.Service;
import dev.swarmstack.swarm.problem.Problem;
import dev.swarmstack.swarm.problem.Problems;
import dev.swarmstack.swarm.problem.StackException;
import dev.swarmstack.swarm.stack.DeployLog;
import dev.swarmstack.swarm.validate.StackValidator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The workflow every goal starts with: loads a stack definition once (compose files merged with the other
 * definitions, interpolated and normalised), fills in its in-memory contents, declares the shared networks its
 * services use, and validates it. Logs the warnings and throws every error of all steps at once.
 */
public final class StackDefinitionLoader {

  private final DeployLog log;

  public StackDefinitionLoader(DeployLog log) {
    this.log = log;
  }

  /** @throws StackException when the stack has errors, with all of them */
  public LoadedStack load(StackDefinition definition) {
    Problems problems = new Problems();
    problems.addAll(definition.definitionProblems());
    LoadedStack stack = new StackLoader(definition.variables(), log.terms())
        .loadLeniently(definition.composeFiles(), definition.definitions(), definition.baseDir());
    problems.addAll(stack.problems());
    stack = definition.contents().fill(stack, problems);
    stack = withSharedNetworksUsed(stack, definition.sharedNetworks());
    // validating what could be loaded shows every error at once; a value the loader refused is
    // reported once
    problems.addAllNotReportedYet(
        new StackValidator(definition.stackName(), log.terms()).validate(stack));
    problems.warnings().forEach(warning -> log.warn(warning.toString()));
    if (problems.hasErrors()) {
      throw new StackException(problems.all().stream().filter(Problem::isError).toList());
    }
    return stack;
  }

  /** The stack with an external declaration for each shared network a service names and the stack doesn't declare. */
  private static LoadedStack withSharedNetworksUsed(
      LoadedStack stack, Map<String, SharedNetworkName> sharedNetworks) {
    ComposeFile compose = stack.compose();
    SortedMap<String, Network> networks = new TreeMap<>(compose.networksOrEmpty());
    compose.servicesOrEmpty().values().stream()
        .filter(Objects::nonNull)
        .map(Service::networks)
        .filter(Objects::nonNull)
        .flatMap(used -> used.keySet().stream())
        .filter(name -> sharedNetworks.containsKey(name) && !networks.containsKey(name))
        .forEach(name -> {
          SharedNetworkName shared = sharedNetworks.get(name);
          networks.put(
              name,
              new Network(
                  shared.engineName(),
                  null,
                  null,
                  null,
                  true,
                  null,
                  null,
                  null,
                  new LinkedHashMap<>()));
          stack.origins().put(SourceMap.pointer("networks", name), shared.declaredAt());
        });
    if (networks.size() == compose.networksOrEmpty().size()) {
      return stack;
    }
    ComposeFile withShared = new ComposeFile(
        compose.version(),
        compose.services(),
        networks,
        compose.volumes(),
        compose.secrets(),
        compose.configs(),
        compose.extensions());
    return new LoadedStack(withShared, stack.origins(), stack.problems(), stack.workingDir());
  }
}
