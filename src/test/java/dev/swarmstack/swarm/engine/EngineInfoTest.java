package dev.swarmstack.swarm.engine;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmstack.swarm.problem.UserTerms;
import org.junit.jupiter.api.Test;

class EngineInfoTest {

  @Test
  void aManagerPasses() {
    assertDoesNotThrow(() -> new EngineInfo("20.10", "1.41", "n1", "active", true)
        .requireManager("e", UserTerms.NEUTRAL));
  }

  @Test
  void aNodeOutsideASwarmGetsTheCliMessageAndItsState() {
    EngineException e = assertThrows(
        EngineException.class, () -> new EngineInfo("20.10", "1.41", "", "inactive", false)
            .requireManager("unix:///var/run/docker.sock (default socket)", UserTerms.NEUTRAL));
    assertTrue(e.getMessage().startsWith(EngineInfo.NOT_A_MANAGER + " ("), e.getMessage());
    assertTrue(
        e.getMessage()
            .contains(
                "unix:///var/run/docker.sock (default socket) is not part of a swarm (swarm state 'inactive')"),
        e.getMessage());
  }

  @Test
  void aWorkerIsToldToUseAManager() {
    EngineException e = assertThrows(
        EngineException.class, () -> new EngineInfo("20.10", "1.41", "n2", "active", false)
            .requireManager("e", UserTerms.NEUTRAL));
    assertTrue(
        e.getMessage().contains("is a swarm worker; point --docker-host (or DOCKER_HOST"),
        e.getMessage());
  }
}
