package dev.swarmstack.swarm.validate;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmstack.swarm.compose.ComposeMapper;
import dev.swarmstack.swarm.compose.LoadedStack;
import dev.swarmstack.swarm.compose.SourceMap;
import dev.swarmstack.swarm.model.ComposeFile;
import dev.swarmstack.swarm.problem.Origin;
import dev.swarmstack.swarm.problem.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Small stacks for validator tests: YAML bound as the loader binds it, each node's origin its JSON pointer. */
final class Stacks {

  private Stacks() {}

  static List<Problem> validate(String yaml) {
    return validate("shop", yaml, Path.of("."));
  }

  static List<Problem> validate(String stackName, String yaml, Path workingDir) {
    return new StackValidator(stackName).validate(load(yaml, workingDir));
  }

  static List<String> errors(String yaml) {
    return validate(yaml).stream()
        .filter(Problem::isError)
        .map(Problem::toString)
        .toList();
  }

  static List<String> warnings(String yaml) {
    return validate(yaml).stream()
        .filter(p -> !p.isError())
        .map(Problem::toString)
        .toList();
  }

  static LoadedStack load(String yaml, Path workingDir) {
    try {
      JsonNode tree = ComposeMapper.yaml().readTree(yaml);
      SourceMap origins = new SourceMap();
      mapOrigins(tree, JsonPointer.empty(), origins);
      return new LoadedStack(
          ComposeMapper.json().treeToValue(tree, ComposeFile.class),
          origins,
          List.of(),
          workingDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Gives every node the origin {@code stack.yml#<pointer>}, so that tests can see where a problem points. */
  private static void mapOrigins(JsonNode node, JsonPointer at, SourceMap origins) {
    origins.put(at, new Origin("stack.yml#" + at));
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        mapOrigins(field.getValue(), at.appendProperty(field.getKey()), origins);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        mapOrigins(node.get(i), at.appendIndex(i), origins);
      }
    }
  }
}
