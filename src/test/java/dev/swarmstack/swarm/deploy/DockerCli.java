package dev.swarmstack.swarm.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The docker CLI, the oracle the engine tests compare with (tests only: the plugin never runs it). */
final class DockerCli {

  record Result(int exitCode, String output) {}

  private DockerCli() {}

  static Result run(String... args) {
    List<String> command = new ArrayList<>(List.of("docker"));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("timed out: " + command);
      }
      return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + command, e);
    }
  }

  /** Runs and fails unless the command succeeds; returns its output. */
  static String ok(String... args) {
    Result result = run(args);
    if (result.exitCode() != 0) {
      throw new IllegalStateException("docker " + String.join(" ", args) + " failed: " + result.output());
    }
    return result.output();
  }
}
