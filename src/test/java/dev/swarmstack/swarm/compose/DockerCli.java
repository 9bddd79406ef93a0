package dev.swarmstack.swarm.compose;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The docker CLI as the oracle for compose behaviour; {@code stack config} needs no engine. */
final class DockerCli {

  private DockerCli() {}

  /** {@code docker stack config -c file}, run in the file's directory with {@code env} added. */
  static String stackConfig(Path file, Map<String, String> env) throws IOException, InterruptedException {
    Path errors = Files.createTempFile("docker-stderr", ".txt");
    try {
      ProcessBuilder builder = new ProcessBuilder(List.of("docker", "stack", "config", "-c", file.toString()))
          .directory(file.getParent().toFile())
          .redirectError(errors.toFile());
      builder.environment().putAll(env);
      Process process = builder.start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new AssertionError("docker stack config -c " + file + " failed:\n" + Files.readString(errors));
      }
      return out;
    } finally {
      Files.delete(errors);
    }
  }
}
