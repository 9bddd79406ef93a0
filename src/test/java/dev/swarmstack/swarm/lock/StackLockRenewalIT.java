package dev.swarmstack.swarm.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmstack.swarm.docker.DockerSwarmEngine;
import dev.swarmstack.swarm.engine.EngineConnection;
import dev.swarmstack.swarm.engine.EngineObject;
import dev.swarmstack.swarm.engine.Polling;
import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.testing.RecordingLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A held lock renews its lease on the real engine, by a label update of its config, while its build runs. */
class StackLockRenewalIT {

  private final String stack = "lockit" + UUID.randomUUID().toString().substring(0, 8);
  private final SwarmEngine engine = DockerSwarmEngine.connect(EngineConnection.defaults());
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void removeTheLockEvenOnFailure() {
    try {
      lockConfig().forEach(config -> engine.removeConfig(config.id()));
    } finally {
      engine.close();
    }
  }

  @Test
  void aHeldLockRenewsItsExpiryUntilReleased() {
    Duration lease = Duration.ofSeconds(3);
    StackLock lock = new StackLock(engine, new RecordingLog(log), Clock.systemUTC(), lease);
    try (HeldLock held = lock.acquire(stack, "deploy", Duration.ZERO)) {
      EngineObject taken = lockConfig().get(0);
      Instant firstExpiry = lock.holder(stack).orElseThrow().expires();

      Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
      while (!lock.holder(stack).orElseThrow().expires().isAfter(firstExpiry)
          && Instant.now().isBefore(deadline)) {
        Polling.pause(Duration.ofMillis(200));
      }

      LockHolder renewed = lock.holder(stack).orElseThrow();
      assertTrue(renewed.expires().isAfter(firstExpiry), renewed + " " + log);
      assertEquals(held.lockId(), renewed.lockId());
      EngineObject now = lockConfig().get(0);
      assertEquals(taken.id(), now.id(), "the same config, relabelled");
      assertTrue(now.version() > taken.version(), now.version() + " " + taken.version());
      assertEquals(taken.spec().path("Data"), now.spec().path("Data"));
    }
    assertEquals(List.of(), lockConfig());
    assertTrue(held(log), log.toString());
  }

  private static boolean held(List<String> log) {
    return log.stream().anyMatch(line -> line.startsWith("INFO Locked stack "))
        && log.stream().anyMatch(line -> line.startsWith("INFO Unlocked stack "))
        && log.stream().noneMatch(line -> line.startsWith("WARN"));
  }

  private List<EngineObject> lockConfig() {
    return engine.listConfigs(Map.of("dev.swarmstack.lock.stack", stack));
  }
}
