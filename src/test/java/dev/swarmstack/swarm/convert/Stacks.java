package dev.swarmstack.swarm.convert;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.swarmstack.swarm.compose.ComposeMapper;
import dev.swarmstack.swarm.model.ComposeFile;
import java.util.Map;
import java.util.Optional;

/** Builds test stacks from normalised (long-form) YAML, as {@code docker stack config} prints them. */
final class Stacks {

  static final Map<String, String> ENVIRONMENT =
      Map.of("FROM_OS", "os-value", "EMPTY_IN_FILE", "os-empty");

  private Stacks() {}

  static ComposeFile parse(String yaml) {
    try {
      return ComposeMapper.yaml().readValue(yaml, ComposeFile.class);
    } catch (JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  static ConvertedStack convert(String yaml) {
    return converter().convert(parse(yaml));
  }

  static StackConverter converter() {
    return new StackConverter("st", key -> Optional.ofNullable(ENVIRONMENT.get(key)));
  }
}
