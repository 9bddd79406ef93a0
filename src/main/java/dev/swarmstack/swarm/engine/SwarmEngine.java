package dev.swarmstack.swarm.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the core needs from a swarm manager. Every call has a timeout and fails with an
 * {@link EngineException}. Specs are Engine API JSON ({@code ServiceSpec}, {@code NetworkCreateRequest},
 * {@code SecretSpec}, {@code ConfigSpec}).
 */
public interface SwarmEngine extends AutoCloseable {

  /** Where this engine is and how it was chosen, for messages ({@link EngineAddress#describe()}). */
  default String address() {
    return "the Docker engine";
  }

  /** {@code GET /info}: the engine's version and this node's swarm role. */
  EngineInfo info();

  /** Services whose labels contain every entry of {@code labels} (empty: all services). */
  List<EngineObject> listServices(Map<String, String> labels);

  Optional<EngineObject> inspectService(String idOrName);

  /** @return the new service's id */
  String createService(ObjectNode spec, Optional<RegistryAuth> auth);

  void updateService(String id, long version, ObjectNode spec, Optional<RegistryAuth> auth);

  void removeService(String id);

  /** Tasks matching the filters ({@code service}, {@code label}, {@code desired-state}, ...). */
  List<ObjectNode> listTasks(Map<String, List<String>> filters);

  /**
   * {@code GET /tasks/{id}}; unlike the list, it also finds the tasks that attach a standalone container to a swarm
   * network ({@code Spec.NetworkAttachmentSpec}).
   */
  Optional<ObjectNode> inspectTask(String id);

  List<ObjectNode> listNodes();

  List<EngineObject> listNetworks(Map<String, String> labels);

  Optional<EngineObject> inspectNetwork(String idOrName);

  /** @return the new network's id */
  String createNetwork(ObjectNode request);

  void removeNetwork(String idOrName);

  /**
   * Named volumes on the node this engine runs on whose labels contain every entry of {@code labels}. Volumes are
   * node-local: other nodes' volumes are not seen.
   */
  List<EngineObject> listVolumes(Map<String, String> labels);

  void removeVolume(String name);

  List<EngineObject> listSecrets(Map<String, String> labels);

  String createSecret(ObjectNode spec);

  void updateSecret(String id, long version, ObjectNode spec);

  void removeSecret(String id);

  List<EngineObject> listConfigs(Map<String, String> labels);

  String createConfig(ObjectNode spec);

  void updateConfig(String id, long version, ObjectNode spec);

  void removeConfig(String id);

  /**
   * {@code GET /distribution/{image}/json}: the digest and platforms of {@code image} in its registry.
   *
   * @return empty when the registry can't be reached, refuses the credentials or doesn't know the image
   */
  Optional<ImageDistribution> imageDistribution(String image, Optional<RegistryAuth> auth);

  /**
   * {@code GET /events}, streamed: {@code onEvent} gets every event matching {@code filters} (e.g. {@code type:
   * [service, container]}) until the subscription is closed. A dropped stream is reopened. Events are only a hint
   * that something changed: a task changing state on another node produces no event here, so callers must also
   * re-read the state on their own schedule. Engines without a stream return a subscription that never calls.
   */
  default EventSubscription subscribeEvents(
      Map<String, List<String>> filters, Consumer<ObjectNode> onEvent) {
    return () -> {};
  }

  /**
   * {@code GET /tasks/{id}/logs}: the last {@code lines} lines a task wrote to stdout and stderr.
   *
   * @throws EngineException when the engine has no log for it (e.g. a task rejected before it had a container)
   */
  default List<String> taskLogs(String taskId, int lines) {
    return List.of();
  }

  @Override
  void close();
}
