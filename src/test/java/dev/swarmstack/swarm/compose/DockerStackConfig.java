package dev.swarmstack.swarm.compose;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmstack.swarm.testing.Cli;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The oracle: {@code docker stack config} (needs no engine), and a data comparison with our model. */
final class DockerStackConfig {

  private DockerStackConfig() {}

  /** The CLI's merged stack for {@code files}, with {@code env} added to the environment, as data. */
  static JsonNode run(Map<String, String> env, Path... files) throws IOException {
    return asData(ComposeMapper.yaml().readTree(text(env, files)));
  }

  /** What {@code docker stack config -c file...} prints (its warnings go to stderr and are left out). */
  static String text(Map<String, String> env, Path... files) {
    List<String> args = new ArrayList<>(List.of("stack", "config"));
    for (Path file : files) {
      args.add("-c");
      args.add(file.toString());
    }
    return Cli.docker().withEnvironment(env).ok(args.toArray(String[]::new));
  }

  /** The same data whatever Java types held it (an int and a long 6 are equal). */
  static JsonNode asData(Object value) throws IOException {
    String json = ComposeMapper.json().writeValueAsString(value);
    return ComposeMapper.json().readTree(json);
  }

  /** Fails listing every pointer at which the two trees differ. */
  static void assertSameData(JsonNode expected, JsonNode actual) {
    List<String> differences = new ArrayList<>();
    diff("", expected, actual, differences);
    if (!differences.isEmpty()) {
      fail(differences.size() + " differences from docker stack config:\n  "
          + String.join("\n  ", differences));
    }
  }

  private static void diff(String at, JsonNode expected, JsonNode actual, List<String> out) {
    if (expected.isObject() && actual.isObject()) {
      TreeSet<String> keys = new TreeSet<>();
      expected.fieldNames().forEachRemaining(keys::add);
      actual.fieldNames().forEachRemaining(keys::add);
      for (String key : keys) {
        diff(at + "/" + key, expected.path(key), actual.path(key), out);
      }
    } else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
      Iterator<JsonNode> a = actual.elements();
      int i = 0;
      for (JsonNode e : expected) {
        diff(at + "/" + i++, e, a.next(), out);
      }
    } else if (!expected.equals(actual)) {
      out.add(at + ": CLI " + expected + " / ours " + actual);
    }
  }
}
