package dev.swarmstack.swarm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManagerChooserTest {

  private static final EngineInfo MANAGER =
      new EngineInfo("20.10.24", "1.41", "n1", "active", true);
  private static final EngineInfo WORKER =
      new EngineInfo("20.10.24", "1.41", "n2", "active", false);
  private static final EngineInfo OUTSIDE =
      new EngineInfo("20.10.24", "1.41", "", "inactive", false);

  private final List<URI> probed = new ArrayList<>();

  /** A fake swarm: each address answers with its info, or is unreachable when it has none. */
  private ManagerChooser chooser(Map<String, EngineInfo> answers) {
    return new ManagerChooser(candidate -> {
      probed.add(candidate.uri());
      EngineInfo info = answers.get(candidate.uri().toString());
      if (info == null) {
        throw new EngineUnreachableException(
            "asking the engine for its version: Connection refused", "Connection refused", null);
      }
      return info;
    });
  }

  private static List<EngineAddress> addresses(String... uris) {
    return java.util.Arrays.stream(uris)
        .map(uri -> new EngineAddress(URI.create(uri), null, "from <dockerHosts>"))
        .toList();
  }

  @Test
  void theFirstManagerIsUsedAndTheOthersAreNotAsked() {
    ManagerChoice choice = chooser(Map.of("tcp://m1:2375", MANAGER, "tcp://m2:2375", MANAGER))
        .choose(addresses("tcp://m1:2375", "tcp://m2:2375"), "<dockerHosts>");
    assertEquals(URI.create("tcp://m1:2375"), choice.manager().uri());
    assertEquals(List.of(), choice.skipped());
    assertEquals(List.of(URI.create("tcp://m1:2375")), probed);
  }

  @Test
  void unreachableEnginesAndWorkersAreSkippedWithTheirReason() {
    ManagerChoice choice = chooser(Map.of("tcp://w:2375", WORKER, "tcp://m3:2375", MANAGER))
        .choose(addresses("tcp://m1:2375", "tcp://w:2375", "tcp://m3:2375"), "<dockerHosts>");
    assertEquals(URI.create("tcp://m3:2375"), choice.manager().uri());
    assertEquals(
        List.of(
            "tcp://m1:2375: unreachable: Connection refused",
            "tcp://w:2375: a swarm worker, not a manager"),
        choice.skipped());
  }

  @Test
  void anEngineThatAnswersWithAnErrorIsSkippedWithIt() {
    ManagerChooser chooser = new ManagerChooser(candidate -> {
      throw new EngineException(
          "the engine at x is Docker 19.03 with Engine API 1.40; the plugin needs 1.41", 0, null);
    });
    EngineException e = assertThrows(
        EngineException.class, () -> chooser.choose(addresses("tcp://old:2375"), "<dockerHosts>"));
    assertTrue(
        e.getMessage().contains("\n  tcp://old:2375: unusable: the engine at x is Docker 19.03"),
        e.getMessage());
  }

  @Test
  void withoutAnyManagerOneErrorListsEveryEngineAndWhy() {
    EngineException e = assertThrows(EngineException.class, () -> chooser(
            Map.of("tcp://w:2375", WORKER, "tcp://x:2375", OUTSIDE))
        .choose(addresses("tcp://m1:2375", "tcp://w:2375", "tcp://x:2375"), "<dockerHosts>"));
    assertEquals("""
        none of the 3 engines in <dockerHosts> is a reachable swarm manager:
          tcp://m1:2375: unreachable: Connection refused
          tcp://w:2375: a swarm worker, not a manager
          tcp://x:2375: not part of a swarm (swarm state 'inactive')
        Start one of these managers, or add a manager that is up to <dockerHosts>.""", e.getMessage());
  }
}
