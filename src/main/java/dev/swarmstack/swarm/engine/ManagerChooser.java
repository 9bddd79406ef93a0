package dev.swarmstack.swarm.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Picks the swarm manager to talk to from several ({@code <dockerHosts>}): the first, in the given order, that
 * answers and is a manager. Users list all their managers so that a deploy still works while one is down; a worker
 * or a node outside the swarm in the list is skipped like an unreachable one. Pure: the probe is given.
 */
public final class ManagerChooser {

  /** Asks one candidate what it is; throws {@link EngineUnreachableException} when it gives no answer. */
  @FunctionalInterface
  public interface Probe {
    EngineInfo info(EngineAddress candidate);
  }

  private final Probe probe;

  public ManagerChooser(Probe probe) {
    this.probe = probe;
  }

  /**
   * @param source the setting that listed the candidates, for the error ({@code <dockerHosts>})
   * @throws EngineException listing every candidate and why it was skipped, when none can be used
   */
  public ManagerChoice choose(List<EngineAddress> candidates, String source) {
    List<String> skipped = new ArrayList<>();
    for (EngineAddress candidate : candidates) {
      Optional<String> reason = reasonToSkip(candidate);
      if (reason.isEmpty()) {
        return new ManagerChoice(candidate, skipped);
      }
      skipped.add(candidate.uri() + ": " + reason.get());
    }
    throw new EngineException(
        "none of the " + candidates.size() + " engines in " + source
            + " is a reachable swarm manager:\n  " + String.join("\n  ", skipped)
            + "\nStart one of these managers, or add a manager that is up to " + source + ".",
        0,
        null);
  }

  private Optional<String> reasonToSkip(EngineAddress candidate) {
    EngineInfo info;
    try {
      info = probe.info(candidate);
    } catch (EngineUnreachableException e) {
      return Optional.of("unreachable: " + e.reason());
    } catch (EngineException e) {
      return Optional.of(
          "unusable: " + e.getMessage()); // it answered, but not as an engine the plugin can use
    }
    if (info.controlAvailable()) {
      return Optional.empty();
    }
    return Optional.of(
        "active".equals(info.localNodeState())
            ? "a swarm worker, not a manager"
            : "not part of a swarm (swarm state '" + info.localNodeState() + "')");
  }
}
