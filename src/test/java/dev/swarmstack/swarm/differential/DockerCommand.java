package dev.swarmstack.swarm.differential;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The docker CLI, the oracle of the differential tests (tests only: the plugin never runs it). Carries the variables
 * the compose files interpolate, and optionally a docker config folder of its own, so that {@code docker login}
 * never touches the user's.
 */
final class DockerCommand {

  record Result(int exitCode, String output) {}

  private final Map<String, String> environment;
  private final String configDir;

  DockerCommand(Map<String, String> environment, String configDir) {
    this.environment = Map.copyOf(environment);
    this.configDir = configDir;
  }

  DockerCommand() {
    this(Map.of(), null);
  }

  Result run(String stdin, String... args) {
    List<String> command = new ArrayList<>(List.of("docker"));
    if (configDir != null) {
      command.addAll(List.of("--config", configDir));
    }
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    try {
      Process process = builder.start();
      try (var input = process.getOutputStream()) {
        if (stdin != null) {
          input.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("timed out: " + command);
      }
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + command, e);
    }
  }

  /** Runs and fails unless the command succeeds; returns its output. */
  String ok(String... args) {
    Result result = run(null, args);
    if (result.exitCode() != 0) {
      throw new IllegalStateException("docker " + String.join(" ", args) + " failed: " + result.output());
    }
    return result.output();
  }
}
