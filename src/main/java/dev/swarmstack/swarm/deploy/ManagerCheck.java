package dev.swarmstack.swarm.deploy;

import dev.swarmstack.swarm.engine.EngineInfo;
import dev.swarmstack.swarm.problem.Origin;
import dev.swarmstack.swarm.problem.StackException;

/** Stack operations need a swarm manager; say so the way the CLI does, before any other call. */
public final class ManagerCheck {

  static final String NOT_A_MANAGER = "this node is not a swarm manager. Use \"docker swarm init\" or \"docker swarm join\""
      + " to connect this node to swarm and try again";

  private ManagerCheck() {}

  /** @throws StackException when the engine is not a swarm manager */
  public static void requireManager(EngineInfo info) {
    if (!info.controlAvailable()) {
      throw new StackException(Origin.UNKNOWN, NOT_A_MANAGER
          + " (engine " + info.serverVersion() + ", swarm state: " + info.localNodeState() + ")");
    }
  }
}
