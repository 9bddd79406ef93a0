package dev.swarmstack.swarm.engine;

import dev.swarmstack.swarm.problem.Setting;
import dev.swarmstack.swarm.problem.UserTerms;

/**
 * @param localNodeState {@code inactive}, {@code active}, ...
 * @param controlAvailable whether this node is a swarm manager
 */
public record EngineInfo(
    String serverVersion,
    String apiVersion,
    String nodeId,
    String localNodeState,
    boolean controlAvailable) {

  /** The docker CLI's words when {@code docker stack deploy} runs against a node that isn't a manager. */
  public static final String NOT_A_MANAGER =
      "this node is not a swarm manager. Use \"docker swarm init\" or \"docker swarm join\" to connect this node to swarm and try again";

  /**
   * @param engine the engine's address as the user should recognise it ({@link EngineAddress#describe()})
   * @param terms how the hint names the engine address setting
   * @throws EngineException with the CLI's message and a hint, unless this node is a swarm manager
   */
  public void requireManager(String engine, UserTerms terms) {
    if (controlAvailable) {
      return;
    }
    String hint = "active".equals(localNodeState)
        ? "the engine at " + engine
            + " is a swarm worker; point " + terms.name(Setting.DOCKER_HOST)
            + " (or DOCKER_HOST, or the docker context) at a manager node"
        : "the engine at " + engine + " is not part of a swarm (swarm state '" + localNodeState
            + "')";
    throw new EngineException(NOT_A_MANAGER + " (" + hint + ")", 0, null);
  }
}
