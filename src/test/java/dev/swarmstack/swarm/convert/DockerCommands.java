package dev.swarmstack.swarm.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swarmstack.swarm.testing.Cli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The docker CLI and the raw Engine API (curl on the socket), for engine tests: the oracle and the probe. */
final class DockerCommands {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SOCKET = "/var/run/docker.sock";

  private final Cli cli;

  DockerCommands(Path workDir, Map<String, String> environment) {
    this.cli = Cli.commands().in(workDir).withEnvironment(environment);
  }

  /** Runs a command in the work directory and returns its standard output; fails with its stderr. */
  String run(String... command) {
    return runWithInput(null, command);
  }

  String runWithInput(String stdin, String... command) {
    return cli.okWithInput(stdin, command);
  }

  Cli.Result tryRun(String stdin, String... command) {
    return cli.runWithInput(stdin, command);
  }

  JsonNode json(String... command) {
    try {
      return JSON.readTree(run(command));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** GET from the Engine API; fails on an error status. */
  JsonNode get(String path) {
    return request("GET", path, null);
  }

  /** POST to the Engine API; returns the response body, fails on an error status. */
  JsonNode post(String path, JsonNode body) {
    return request("POST", path, body);
  }

  private JsonNode request(String method, String path, JsonNode body) {
    List<String> command = new ArrayList<>(List.of(
        "curl",
        "-sS",
        "-g",
        "--unix-socket",
        SOCKET,
        "-X",
        method,
        "-w",
        "\n%{http_code}",
        "http://localhost" + path));
    if (body != null) {
      command.addAll(List.of("-H", "Content-Type: application/json", "--data-binary", "@-"));
    }
    String out = runWithInput(body == null ? null : body.toString(), command.toArray(String[]::new))
        .strip();
    int lastLine = out.lastIndexOf('\n');
    String status = out.substring(lastLine + 1);
    String response = lastLine < 0 ? "" : out.substring(0, lastLine);
    if (!status.startsWith("2")) {
      throw new AssertionError(method + " " + path + " -> " + status + ": " + response);
    }
    try {
      return JSON.readTree(response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
