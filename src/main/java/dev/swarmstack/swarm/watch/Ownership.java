package dev.swarmstack.swarm.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.engine.EngineObject;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The service specs a deploy wrote, as the engine stored them right after. While the deploy waits, another writer
 * (the CLI, {@code docker service update}, a deploy that took no lock) may change one of them; its convergence is
 * then not this deploy's to report. The version alone doesn't tell: the swarm bumps it itself when it records an
 * update's progress, so a change means a newer version with another spec.
 */
public final class Ownership {

  public static final Ownership NONE = new Ownership(Map.of());

  /** The swarm's own rollback puts the previous spec back; the convergence rules report that as a failure. */
  private static final Set<String> SWARM_ROLLBACK =
      Set.of("rollback_started", "rollback_paused", "rollback_completed");

  private final Map<String, EngineObject> written;

  /** @param written by full service name: each service as read back after this deploy's write */
  public Ownership(Map<String, EngineObject> written) {
    this.written = Map.copyOf(written);
  }

  /** One line per service that someone else changed since this deploy wrote it; empty when none. */
  List<String> changedByOthers(Map<String, ObjectNode> live) {
    return written.values().stream()
        .filter(ours -> live.containsKey(ours.name()))
        .filter(ours -> changedByOthers(ours, live.get(ours.name())))
        .map(ours -> "service " + ours.name()
            + " was changed by someone else while this deploy waited: version "
            + live.get(ours.name()).path("Version").path("Index").asLong() + ", we wrote "
            + ours.version()
            + "; its spec is no longer this deploy's (docker service inspect " + ours.name()
            + " shows it)")
        .toList();
  }

  private static boolean changedByOthers(EngineObject ours, ObjectNode live) {
    return live.path("Version").path("Index").asLong() > ours.version()
        && !live.path("Spec").equals(ours.spec())
        && !SWARM_ROLLBACK.contains(live.path("UpdateStatus").path("State").asText());
  }
}
