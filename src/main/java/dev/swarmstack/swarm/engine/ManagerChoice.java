package dev.swarmstack.swarm.engine;

import java.util.List;

/**
 * The manager {@link ManagerChooser} chose, and the candidates before it that were passed over.
 *
 * @param skipped one line per candidate passed over: its address and why ({@code unreachable: Connection refused})
 */
public record ManagerChoice(EngineAddress manager, List<String> skipped) {

  public ManagerChoice {
    skipped = List.copyOf(skipped);
  }
}
