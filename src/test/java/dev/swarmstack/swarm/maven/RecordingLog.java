package dev.swarmstack.swarm.maven;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.maven.plugin.logging.SystemStreamLog;

/** The console log, also kept line by line (prefixed {@code [INFO] }, {@code [WARNING] }) for the test to check. */
final class RecordingLog extends SystemStreamLog {

  private final List<String> lines = new CopyOnWriteArrayList<>();

  @Override
  public void info(CharSequence content) {
    lines.add("[INFO] " + content);
    super.info(content);
  }

  @Override
  public void warn(CharSequence content) {
    lines.add("[WARNING] " + content);
    super.warn(content);
  }

  List<String> lines() {
    return List.copyOf(lines);
  }

  /** The lines that start with {@code prefix} (level included). */
  List<String> startingWith(String prefix) {
    return lines.stream().filter(line -> line.startsWith(prefix)).toList();
  }
}
