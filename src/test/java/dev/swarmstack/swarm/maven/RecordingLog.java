package dev.swarmstack.swarm.maven;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.maven.plugin.logging.SystemStreamLog;

/** The console log, also kept line by line (prefixed {@code [INFO] }, {@code [WARNING] }) for the test to check. */
final class RecordingLog extends SystemStreamLog {

  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Consumer<String> onLine;

  RecordingLog() {
    this(line -> {});
  }

  /** @param onLine told each line as it is logged, on the logging thread: a test's hook into a goal's progress */
  RecordingLog(Consumer<String> onLine) {
    this.onLine = onLine;
  }

  @Override
  public void info(CharSequence content) {
    record("[INFO] " + content);
    super.info(content);
  }

  @Override
  public void warn(CharSequence content) {
    record("[WARNING] " + content);
    super.warn(content);
  }

  private void record(String line) {
    lines.add(line);
    onLine.accept(line);
  }

  List<String> lines() {
    return List.copyOf(lines);
  }

  /** The lines that start with {@code prefix} (level included). */
  List<String> startingWith(String prefix) {
    return lines.stream().filter(line -> line.startsWith(prefix)).toList();
  }
}
