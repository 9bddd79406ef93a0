package dev.swarmstack.swarm.docker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.engine.EngineConnection;
import dev.swarmstack.swarm.engine.EngineException;
import dev.swarmstack.swarm.testing.Cli;
import dev.swarmstack.swarm.testing.LeftoverContainers;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One engine connection per test class, names no one else uses, and clean-up that runs even after a failure.
 * Everything a test creates is registered with {@link #onClose} right after it exists.
 */
final class EngineTestSupport implements AutoCloseable {

  static final String RUN_LABEL = "dev.swarmstack.test.run";
  static final ObjectMapper JSON = new ObjectMapper();

  final DockerSwarmEngine engine = DockerSwarmEngine.connect(EngineConnection.defaults());
  /** {@code swt} and 6 random hex digits: short enough for interface names (15 characters). */
  final String runId =
      "swt" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);

  private final Deque<Runnable> cleanups = new ArrayDeque<>();

  EngineTestSupport() {
    onClose(() -> LeftoverContainers.remove(Cli.docker(), runId));
  }

  String name(String suffix) {
    return runId + "-" + suffix;
  }

  Map<String, String> labels() {
    return Map.of(RUN_LABEL, runId);
  }

  void onClose(Runnable cleanup) {
    cleanups.push(cleanup);
  }

  /** A network can't be removed for a few seconds after its last service is gone ("in use"): retry. */
  void removeNetworkOnClose(String id) {
    onClose(() -> retry(() -> removeIfPresent(() -> engine.removeNetwork(id))));
  }

  static void removeIfPresent(Runnable removal) {
    try {
      removal.run();
    } catch (EngineException e) {
      if (!e.isNotFound()) {
        throw e;
      }
    }
  }

  /**
   * A swarm network as inspected once the manager has allocated it: until then, right after create, inspect shows it
   * without its driver.
   */
  ObjectNode allocatedNetwork(String idOrName) {
    ObjectNode[] network = new ObjectNode[1];
    retry(() -> {
      network[0] = engine.inspectNetwork(idOrName).orElseThrow().spec();
      if (network[0].path("Driver").asText().isEmpty()) {
        throw new IllegalStateException(
            "network " + idOrName + " not allocated yet: " + network[0]);
      }
    });
    return network[0];
  }

  static void retry(Runnable action) {
    for (int attempt = 1; ; attempt++) {
      try {
        action.run();
        return;
      } catch (RuntimeException e) {
        if (attempt == 20) {
          throw e;
        }
        sleep(500);
      }
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static ObjectNode json(String text) {
    try {
      return (ObjectNode) JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Runs a command the test needs (ip, docker as the oracle) and returns its output; fails on a non-zero exit. */
  static String run(String... command) {
    return Cli.commands().ok(command).trim();
  }

  /** Runs every clean-up, newest first, even when some fail; then reports the failures together. */
  @Override
  public void close() {
    List<RuntimeException> failures = new ArrayList<>();
    while (!cleanups.isEmpty()) {
      try {
        cleanups.pop().run();
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    engine.close();
    if (!failures.isEmpty()) {
      IllegalStateException failure = new IllegalStateException("clean-up failed: " + failures);
      failures.forEach(failure::addSuppressed);
      throw failure;
    }
  }
}
