package dev.swarmstack.swarm.deploy;

import static dev.swarmstack.swarm.deploy.ParallelReads.result;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.engine.EngineObject;
import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.stack.StackLabels;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

/**
 * What planning needs to know of the swarm, read once: every service, network, secret, config and node. The five
 * lists are read at the same time, and every check of the plan works on them instead of asking again per object.
 */
record SwarmState(
    List<EngineObject> services,
    List<EngineObject> networks,
    List<EngineObject> secrets,
    List<EngineObject> configs,
    List<ObjectNode> nodes) {

  static SwarmState read(SwarmEngine engine) {
    try (ParallelReads reads = new ParallelReads()) {
      Future<List<EngineObject>> services = reads.start(() -> engine.listServices(Map.of()));
      Future<List<EngineObject>> networks = reads.start(() -> engine.listNetworks(Map.of()));
      Future<List<EngineObject>> secrets = reads.start(() -> engine.listSecrets(Map.of()));
      Future<List<EngineObject>> configs = reads.start(() -> engine.listConfigs(Map.of()));
      Future<List<ObjectNode>> nodes = reads.start(engine::listNodes);
      return new SwarmState(
          result(services), result(networks), result(secrets), result(configs), result(nodes));
    }
  }

  /** The objects of stack {@code namespace} among {@code objects}: those whose namespace label names it. */
  static List<EngineObject> ofStack(List<EngineObject> objects, String namespace) {
    return objects.stream()
        .filter(object -> namespace.equals(StackLabels.label(object, StackLabels.NAMESPACE)))
        .toList();
  }
}
