package dev.swarmstack.swarm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.problem.StackException;
import dev.swarmstack.swarm.stack.DeployLog;
import dev.swarmstack.swarm.testing.InMemorySwarmEngine;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A prune that would remove every service of a live stack is refused before any write, unless confirmed. */
class PruneConfirmationTest {

  private static final DeployOptions PRUNE =
      new DeployOptions(true, ResolveImage.NEVER, host -> Optional.empty(), Duration.ofMinutes(1));
  private static final DeployOptions PRUNE_ALL = new DeployOptions(
      true, ResolveImage.NEVER, host -> Optional.empty(), Duration.ofMinutes(1), true);

  private final TestStack live = TestStack.twoServices("app");
  private final InMemorySwarmEngine swarm = new InMemorySwarmEngine();
  private final CountingSwarmEngine counting = new CountingSwarmEngine(swarm);

  @Test
  void pruningEveryServiceIsRefusedListingWhatWouldGo() {
    TestStack elsewhere = new TestStack("app");
    elsewhere.network("front");
    elsewhere.service("api", TestStack.IMAGE, "front");

    StackException refused =
        assertThrows(StackException.class, () -> new Deployer(engine(), silentLog())
            .deploy("app", elsewhere.converted(), PRUNE));

    assertEquals(
        "pruning would remove every service of stack app (services app_web, app_worker; networks app_back;"
            + " secrets app_token; configs app_settings)."
            + " Check the stack name and the services declared; to remove them all, set --prune-all-services=true",
        refused.getMessage());
    assertEquals(List.of(), counting.writes());
    assertEquals(
        refused.problems(),
        new Deployer(engine(), silentLog())
            .preview("app", elsewhere.converted(), PRUNE)
            .blockers(),
        "swarm:diff shows the plan and the refusal");
  }

  @Test
  void keepingOneServiceOrConfirmingIsNoRefusal() {
    TestStack oneKept = new TestStack("app");
    oneKept.network("back");
    oneKept.service("web", TestStack.IMAGE, "back");

    assertEquals(
        List.of(),
        new Deployer(engine(), silentLog())
            .preview("app", oneKept.converted(), PRUNE)
            .blockers());
    assertEquals(
        List.of(),
        new Deployer(engine(), silentLog())
            .preview("app", new TestStack("app").converted(), PRUNE_ALL)
            .blockers());
  }

  /** The engine with the live stack {@link #live} deployed; writes are counted from here on. */
  private SwarmEngine engine() {
    if (swarm.serviceNames().isEmpty()) {
      new Deployer(swarm, silentLog()).deploy("app", live.converted(), PRUNE);
    }
    return counting;
  }

  private static DeployLog silentLog() {
    return new DeployLog() {
      @Override
      public void info(String message) {}

      @Override
      public void warn(String message) {}
    };
  }
}
