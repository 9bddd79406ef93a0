package dev.swarmstack.swarm.testing;

import dev.swarmstack.swarm.engine.Polling;
import dev.swarmstack.swarm.history.StackHistory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command line for a test: the docker CLI, which is the oracle the tests compare the plugin with (the plugin
 * itself never runs it), or any other tool. Standard output and standard error are kept apart, so that warnings
 * never mix into YAML or JSON output.
 */
public final class Cli {

  /** How long a command may take before the test fails, unless {@link #withTimeout} says otherwise. */
  private static final long DEFAULT_TIMEOUT_SECONDS = 120;

  public record Result(int exitCode, String stdout, String stderr) {

    /** Everything the command printed: its output, then its errors. */
    public String output() {
      return stdout + stderr;
    }
  }

  private final List<String> prefix;
  private final Path workDir;
  private final Map<String, String> environment;
  private final long timeoutSeconds;

  private Cli(
      List<String> prefix, Path workDir, Map<String, String> environment, long timeoutSeconds) {
    this.prefix = List.copyOf(prefix);
    this.workDir = workDir;
    this.environment = Map.copyOf(environment);
    this.timeoutSeconds = timeoutSeconds;
  }

  /** {@code docker ...} in the current directory. */
  public static Cli docker() {
    return new Cli(List.of("docker"), null, Map.of(), DEFAULT_TIMEOUT_SECONDS);
  }

  /** Whole command lines, each naming its program. */
  public static Cli commands() {
    return new Cli(List.of(), null, Map.of(), DEFAULT_TIMEOUT_SECONDS);
  }

  public Cli in(Path directory) {
    return new Cli(prefix, directory, environment, timeoutSeconds);
  }

  /** The same commands with {@code variables} added to their environment. */
  public Cli withEnvironment(Map<String, String> variables) {
    Map<String, String> merged = new HashMap<>(environment);
    merged.putAll(variables);
    return new Cli(prefix, workDir, merged, timeoutSeconds);
  }

  /** The docker CLI with a config folder of its own, so that {@code docker login} never touches the user's. */
  public Cli withDockerConfig(Path configDir) {
    List<String> withConfig = new ArrayList<>(prefix);
    withConfig.addAll(List.of("--config", configDir.toString()));
    return new Cli(withConfig, workDir, environment, timeoutSeconds);
  }

  /** The docker CLI talking to the engine at {@code host} ({@code unix:///...}), e.g. one node of a cluster. */
  public Cli withHost(String host) {
    List<String> withHost = new ArrayList<>(prefix);
    withHost.addAll(List.of("-H", host));
    return new Cli(withHost, workDir, environment, timeoutSeconds);
  }

  public Cli withTimeout(long seconds) {
    return new Cli(prefix, workDir, environment, seconds);
  }

  public Result run(String... args) {
    return runWithInput(null, args);
  }

  /**
   * Removes a stack a test deployed through the goals, as {@code docker stack rm} does, and also its history (the
   * revision configs, which carry no namespace label): the test created them.
   */
  public void removeStackAndHistory(String stack) {
    run("stack", "rm", stack);
    // the CLI removes the networks while the tasks still stop, and leaks those still in use
    // (moby#37338)
    String label = "label=com.docker.stack.namespace=" + stack;
    for (int attempt = 0; attempt < 60; attempt++) {
      List<String> networks = run("network", "ls", "-q", "--filter", label)
          .stdout()
          .lines()
          .filter(id -> !id.isBlank())
          .toList();
      if (networks.isEmpty()) {
        break;
      }
      networks.forEach(id -> run("network", "rm", id.strip()));
      Polling.pause(java.time.Duration.ofSeconds(1));
    }
    run("config", "ls", "-q", "--filter", "label=" + StackHistory.STACK_LABEL + "=" + stack)
        .stdout()
        .lines()
        .filter(id -> !id.isBlank())
        .forEach(id -> run("config", "rm", id.strip()));
  }

  /** Runs and fails unless the command succeeds; returns its standard output. */
  public String ok(String... args) {
    return okWithInput(null, args);
  }

  public String okWithInput(String stdin, String... args) {
    Result result = runWithInput(stdin, args);
    if (result.exitCode() != 0) {
      throw new AssertionError(
          describe(args) + " failed (" + result.exitCode() + "): " + result.output());
    }
    return result.stdout();
  }

  public Result runWithInput(String stdin, String... args) {
    List<String> command = new ArrayList<>(prefix);
    command.addAll(List.of(args));
    Path errors = null;
    try {
      errors = Files.createTempFile("cli", ".err");
      ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
      if (workDir != null) {
        builder.directory(workDir.toFile());
      }
      builder.environment().putAll(environment);
      Process process = builder.start();
      try (OutputStream input = process.getOutputStream()) {
        if (stdin != null) {
          input.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(describe(args) + " took longer than " + timeoutSeconds + " s");
      }
      return new Result(process.exitValue(), out, Files.readString(errors));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted: " + command, e);
    } finally {
      if (errors != null) {
        errors.toFile().delete();
      }
    }
  }

  private String describe(String... args) {
    List<String> command = new ArrayList<>(prefix);
    command.addAll(List.of(args));
    return String.join(" ", command);
  }
}
