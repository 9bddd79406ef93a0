package dev.swarmstack.swarm.convert;

import dev.swarmstack.swarm.model.ComposeFile;
import java.util.Optional;
import java.util.function.Function;

/** TEMPORARY stub of the agreed converter API, replaced by the convert branch on merge. */
public final class StackConverter {

  public StackConverter(String namespace, Function<String, Optional<String>> environment) {}

  public ConvertedStack convert(ComposeFile compose) {
    throw new UnsupportedOperationException("converter not merged yet");
  }
}
