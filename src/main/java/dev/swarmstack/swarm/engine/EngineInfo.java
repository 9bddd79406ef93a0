package dev.swarmstack.swarm.engine;

/**
 * @param localNodeState {@code inactive}, {@code active}, ...
 * @param controlAvailable whether this node is a swarm manager
 */
public record EngineInfo(String serverVersion, String apiVersion, String nodeId, String localNodeState, boolean controlAvailable) {}
