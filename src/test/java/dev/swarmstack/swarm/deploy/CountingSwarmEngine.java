package dev.swarmstack.swarm.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.engine.EngineInfo;
import dev.swarmstack.swarm.engine.EngineObject;
import dev.swarmstack.swarm.engine.ImageDistribution;
import dev.swarmstack.swarm.engine.RegistryAuth;
import dev.swarmstack.swarm.engine.SwarmEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Passes every call to the real engine and records the writes ({@code "updateService app_web"}), with the registry
 * credentials the service writes carried.
 */
final class CountingSwarmEngine implements SwarmEngine {

  /** One write: the call, the object's name (or id), and the credentials sent along with it. */
  record Write(String call, String object, Optional<RegistryAuth> auth) {

    @Override
    public String toString() {
      return call + " " + object;
    }
  }

  private final SwarmEngine engine;
  private final List<Write> writes = new ArrayList<>();

  CountingSwarmEngine(SwarmEngine engine) {
    this.engine = engine;
  }

  List<String> writes() {
    return writes.stream().map(Write::toString).toList();
  }

  /** The writes with everything recorded of them. */
  List<Write> recordedWrites() {
    return List.copyOf(writes);
  }

  void reset() {
    writes.clear();
  }

  private void write(String call, String object) {
    write(call, object, Optional.empty());
  }

  private void write(String call, String object, Optional<RegistryAuth> auth) {
    writes.add(new Write(call, object, auth));
  }

  @Override
  public String address() {
    return engine.address();
  }

  @Override
  public EngineInfo info() {
    return engine.info();
  }

  @Override
  public List<EngineObject> listServices(Map<String, String> labels) {
    return engine.listServices(labels);
  }

  @Override
  public Optional<ObjectNode> inspectTask(String id) {
    return engine.inspectTask(id);
  }

  @Override
  public Optional<EngineObject> inspectService(String idOrName) {
    return engine.inspectService(idOrName);
  }

  @Override
  public String createService(ObjectNode spec, Optional<RegistryAuth> auth) {
    write("createService", spec.path("Name").asText(), auth);
    return engine.createService(spec, auth);
  }

  @Override
  public void updateService(String id, long version, ObjectNode spec, Optional<RegistryAuth> auth) {
    write("updateService", spec.path("Name").asText(), auth);
    engine.updateService(id, version, spec, auth);
  }

  @Override
  public void removeService(String id) {
    write("removeService", id);
    engine.removeService(id);
  }

  @Override
  public List<ObjectNode> listTasks(Map<String, List<String>> filters) {
    return engine.listTasks(filters);
  }

  @Override
  public List<ObjectNode> listNodes() {
    return engine.listNodes();
  }

  @Override
  public List<EngineObject> listNetworks(Map<String, String> labels) {
    return engine.listNetworks(labels);
  }

  @Override
  public Optional<EngineObject> inspectNetwork(String idOrName) {
    return engine.inspectNetwork(idOrName);
  }

  @Override
  public String createNetwork(ObjectNode request) {
    write("createNetwork", request.path("Name").asText());
    return engine.createNetwork(request);
  }

  @Override
  public void removeNetwork(String idOrName) {
    write("removeNetwork", idOrName);
    engine.removeNetwork(idOrName);
  }

  @Override
  public List<EngineObject> listVolumes(Map<String, String> labels) {
    return engine.listVolumes(labels);
  }

  @Override
  public void removeVolume(String name) {
    write("removeVolume", name);
    engine.removeVolume(name);
  }

  @Override
  public List<EngineObject> listSecrets(Map<String, String> labels) {
    return engine.listSecrets(labels);
  }

  @Override
  public String createSecret(ObjectNode spec) {
    write("createSecret", spec.path("Name").asText());
    return engine.createSecret(spec);
  }

  @Override
  public void updateSecret(String id, long version, ObjectNode spec) {
    write("updateSecret", spec.path("Name").asText());
    engine.updateSecret(id, version, spec);
  }

  @Override
  public void removeSecret(String id) {
    write("removeSecret", id);
    engine.removeSecret(id);
  }

  @Override
  public List<EngineObject> listConfigs(Map<String, String> labels) {
    return engine.listConfigs(labels);
  }

  @Override
  public String createConfig(ObjectNode spec) {
    write("createConfig", spec.path("Name").asText());
    return engine.createConfig(spec);
  }

  @Override
  public void updateConfig(String id, long version, ObjectNode spec) {
    write("updateConfig", spec.path("Name").asText());
    engine.updateConfig(id, version, spec);
  }

  @Override
  public void removeConfig(String id) {
    write("removeConfig", id);
    engine.removeConfig(id);
  }

  @Override
  public Optional<ImageDistribution> imageDistribution(String image, Optional<RegistryAuth> auth) {
    return engine.imageDistribution(image, auth);
  }

  @Override
  public void close() {
    engine.close();
  }

  @Override
  public dev.swarmstack.swarm.engine.EventSubscription subscribeEvents(
      Map<String, List<String>> filters, java.util.function.Consumer<ObjectNode> onEvent) {
    return engine.subscribeEvents(filters, onEvent);
  }

  @Override
  public List<String> taskLogs(String taskId, int lines) {
    return engine.taskLogs(taskId, lines);
  }
}
