package dev.swarmstack.swarm.compose;

import dev.swarmstack.swarm.model.ComposeFile;

/** Writes a stack file that {@code docker stack deploy} accepts: byte-identical output for the same model. */
public final class ComposeWriter {

  private ComposeWriter() {}

  /** The YAML text, {@code version} set to the lowest 3.x schema that covers the keys used. */
  public static String write(ComposeFile compose) {
    throw new UnsupportedOperationException("TODO(writer)");
  }
}
