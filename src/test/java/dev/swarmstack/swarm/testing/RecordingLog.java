package dev.swarmstack.swarm.testing;

import dev.swarmstack.swarm.stack.DeployLog;
import java.util.List;

/** A {@link DeployLog} that adds each message, prefixed {@code INFO } or {@code WARN }, to a list the test reads. */
public record RecordingLog(List<String> lines) implements DeployLog {

  @Override
  public void info(String message) {
    lines.add("INFO " + message);
  }

  @Override
  public void warn(String message) {
    lines.add("WARN " + message);
  }
}
