package dev.swarmstack.swarm.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swarmstack.swarm.problem.Setting;
import dev.swarmstack.swarm.problem.UserTerms;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A docker credential helper ({@code docker-credential-<name>}, named by {@code credsStore} or {@code credHelpers}
 * in config.json), called as the docker CLI calls it: {@code get}, the server address on standard input, and
 * {@code {"ServerURL":...,"Username":...,"Secret":...}} on standard output. Found on {@code PATH}, as the CLI finds it.
 */
final class CredentialHelper {

  /** What a helper prints when it holds nothing for the server (docker-credential-helpers' ErrCredentialsNotFound). */
  static final String NOT_FOUND = "credentials not found in native keychain";
  /** The user name under which a helper returns an identity token rather than a password. */
  static final String TOKEN_USER = "<token>";

  private static final long TIMEOUT_SECONDS = 60;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String program;
  private final String path;
  private final String configuredIn;
  private final UserTerms terms;

  /**
   * @param name the helper's name in config.json ({@code pass}, {@code ecr-login})
   * @param path the {@code PATH} to look for {@code docker-credential-<name>} in
   * @param configuredIn where the helper was named, for messages ({@code credsStore in /home/ci/.docker/config.json})
   */
  CredentialHelper(String name, String path, String configuredIn, UserTerms terms) {
    this.program = "docker-credential-" + name;
    this.path = path == null ? "" : path;
    this.configuredIn = configuredIn;
    this.terms = terms;
  }

  /**
   * @param serverUrl what the CLI asks the helper for: the registry host, or {@code https://index.docker.io/v1/}
   * @param registryHost the registry as image names write it
   * @return empty when the helper holds no credentials for the server
   * @throws EngineException when the helper is missing, fails or answers what isn't its protocol
   */
  Optional<RegistryAuth> get(String serverUrl, String registryHost) {
    Path executable = locate();
    String output = run(executable, serverUrl);
    JsonNode answer;
    try {
      answer = JSON.readTree(output);
    } catch (IOException e) {
      throw failure("answered what is not the credential helper protocol's JSON", null);
    }
    String username = answer.path("Username").asText("");
    String secret = answer.path("Secret").asText("");
    return secret.isEmpty()
        ? Optional.empty()
        : Optional.of(new RegistryAuth(registryHost, username, secret));
  }

  /** {@code docker-credential-<name>} */
  String program() {
    return program;
  }

  private Path locate() {
    return Arrays.stream(path.split(File.pathSeparator))
        .filter(folder -> !folder.isEmpty())
        .map(folder -> Path.of(folder, program))
        .filter(Files::isExecutable)
        .findFirst()
        .orElseThrow(() -> new EngineException(
            program + " (" + configuredIn + ") is not on the PATH (" + path + "). Install"
                + " it, or remove it from the docker config, or give the registry's credentials with "
                + terms.name(Setting.REGISTRY_CREDENTIALS),
            0,
            null));
  }

  /** Standard output of {@code get}; never shows the output of a successful call, which holds the secret. */
  private String run(Path executable, String serverUrl) {
    try {
      Process process = new ProcessBuilder(executable.toString(), "get")
          .redirectErrorStream(true)
          .start();
      CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> readAll(process));
      writeInput(process, serverUrl);
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw failure("did not answer within " + TIMEOUT_SECONDS + " s", null);
      }
      String text = new String(output.join(), StandardCharsets.UTF_8).trim();
      if (process.exitValue() == 0) {
        return text;
      }
      if (text.contains(NOT_FOUND)) {
        return "{}";
      }
      throw failure("failed (exit code " + process.exitValue() + "): " + text, null);
    } catch (IOException e) {
      throw failure("could not be run: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure("was interrupted", e);
    }
  }

  /**
   * A helper that fails may exit before it reads its input, and the write then meets a closed pipe: what it said
   * and its exit code tell more than the pipe does, as with the docker CLI, which ignores that write error too.
   */
  private static void writeInput(Process process, String serverUrl) {
    try (OutputStream input = process.getOutputStream()) {
      input.write(serverUrl.getBytes(StandardCharsets.UTF_8));
    } catch (IOException closedByHelper) {
      // reported through the helper's exit code and output below
    }
  }

  private static byte[] readAll(Process process) {
    try {
      return process.getInputStream().readAllBytes();
    } catch (IOException e) {
      return new byte[0];
    }
  }

  private EngineException failure(String what, Throwable cause) {
    return new EngineException(
        "the docker credential helper " + program + " (" + configuredIn + ") " + what, 0, cause);
  }
}
