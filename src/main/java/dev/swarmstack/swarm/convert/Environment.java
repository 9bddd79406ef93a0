package dev.swarmstack.swarm.convert;

import dev.swarmstack.swarm.model.Service;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A service's {@code Env}: {@code env_file} entries first, {@code environment} over them, a missing or empty
 * value taken from the deploying environment when it has the key, then sorted {@code K=V} ({@code K} alone
 * when still unset). Reading the files again after the loader merged them changes nothing.
 */
final class Environment {

  private final ConversionContext context;

  Environment(ConversionContext context) {
    this.context = context;
  }

  List<String> of(String serviceName, Service service) {
    Map<String, String> merged = new LinkedHashMap<>();
    List<String> files = service.envFile() == null ? List.of() : service.envFile();
    for (int i = 0; i < files.size(); i++) {
      readFile(serviceName, i, files.get(i)).forEach((key, value) -> resolve(merged, key, value));
    }
    if (service.environment() != null) {
      service.environment().forEach((key, value) -> resolve(merged, key, value));
    }
    List<String> env = new ArrayList<>();
    merged.forEach((key, value) -> env.add(value == null ? key : key + "=" + value));
    env.sort(null);
    return env;
  }

  private void resolve(Map<String, String> merged, String key, String value) {
    Optional<String> fromEnvironment = context.environment.apply(key);
    merged.put(
        key,
        (value == null || value.isEmpty()) && fromEnvironment.isPresent()
            ? fromEnvironment.get()
            : value);
  }

  /** docker's env-file syntax: {@code K=V} lines as written, {@code K} alone from the environment or dropped. */
  private Map<String, String> readFile(String serviceName, int index, String file) {
    Map<String, String> entries = new LinkedHashMap<>();
    Path path = context.workingDir == null ? Path.of(file) : context.workingDir.resolve(file);
    List<String> lines;
    try {
      lines = List.of(StandardCharsets.UTF_8
          .newDecoder()
          .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(path)))
          .toString()
          .split("\\r?\\n", -1));
    } catch (CharacterCodingException e) {
      context.serviceError(
          serviceName, "env file " + path + " is not valid UTF-8", "env_file", index);
      return entries;
    } catch (IOException e) {
      context.serviceError(
          serviceName,
          "cannot read env file " + path + " (" + e.getClass().getSimpleName()
              + "): check the path, it is relative to the compose file",
          "env_file",
          index);
      return entries;
    }
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n).stripLeading();
      if (n == 0 && line.startsWith("\uFEFF")) {
        line = line.substring(1).stripLeading();
      }
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int equals = line.indexOf('=');
      String key = equals < 0 ? line : line.substring(0, equals);
      if (key.isEmpty() || key.chars().anyMatch(Character::isWhitespace)) {
        // the line is not echoed: it may hold a value that must not be printed
        context.serviceError(
            serviceName,
            "env file " + path + " line " + (n + 1)
                + ": the variable name is empty or contains whitespace",
            "env_file",
            index);
        continue;
      }
      if (equals >= 0) {
        entries.put(key, line.substring(equals + 1));
      } else {
        context.environment.apply(key).ifPresent(value -> entries.put(key, value));
      }
    }
    return entries;
  }
}
