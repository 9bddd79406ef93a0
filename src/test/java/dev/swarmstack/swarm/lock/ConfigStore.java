package dev.swarmstack.swarm.lock;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.engine.EngineException;
import dev.swarmstack.swarm.engine.EngineInfo;
import dev.swarmstack.swarm.engine.EngineObject;
import dev.swarmstack.swarm.engine.ImageDistribution;
import dev.swarmstack.swarm.engine.RegistryAuth;
import dev.swarmstack.swarm.engine.SwarmEngine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Swarm configs in memory, with the engine's rules the lock relies on: names are unique (409), an update at a stale
 * version is refused ({@code update out of sequence}), so is one that changes the data, and a removed id is not found
 * (404). Everything else is unused.
 */
final class ConfigStore implements SwarmEngine {

  private final Map<String, EngineObject> configs = new LinkedHashMap<>();
  private long index = 100;
  private int nextId;
  /** Runs once, just before the next update is applied: another build acting between our read and our write. */
  Runnable beforeNextUpdate = () -> {};

  @Override
  public synchronized List<EngineObject> listConfigs(Map<String, String> labels) {
    return configs.values().stream()
        .filter(config -> labels.entrySet().stream().allMatch(label -> label
            .getValue()
            .equals(config.spec().path("Labels").path(label.getKey()).asText(null))))
        .toList();
  }

  @Override
  public synchronized String createConfig(ObjectNode spec) {
    String name = spec.path("Name").asText();
    if (configs.values().stream().anyMatch(config -> config.name().equals(name))) {
      throw new EngineException("config " + name + " already exists", 409, null);
    }
    String id = "cfg" + nextId++;
    configs.put(id, new EngineObject(id, name, ++index, spec.deepCopy(), spec.deepCopy()));
    return id;
  }

  @Override
  public void updateConfig(String id, long version, ObjectNode spec) {
    Runnable interleaved = beforeNextUpdate;
    beforeNextUpdate = () -> {};
    interleaved.run();
    synchronized (this) {
      EngineObject current = configs.get(id);
      if (current == null) {
        throw new EngineException("config " + id + " not found", 404, null);
      }
      if (current.version() != version) {
        throw new EngineException(
            "rpc error: code = Unknown desc = update out of sequence", 500, null);
      }
      if (!current.spec().path("Data").equals(spec.path("Data"))) {
        throw new EngineException(
            "rpc error: code = InvalidArgument desc = only updates to Labels are allowed",
            400,
            null);
      }
      configs.put(
          id, new EngineObject(id, current.name(), ++index, spec.deepCopy(), spec.deepCopy()));
    }
  }

  @Override
  public synchronized void removeConfig(String id) {
    if (configs.remove(id) == null) {
      throw new EngineException("config " + id + " not found", 404, null);
    }
  }

  synchronized List<EngineObject> all() {
    return new ArrayList<>(configs.values());
  }

  @Override
  public EngineInfo info() {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<EngineObject> listServices(Map<String, String> labels) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Optional<EngineObject> inspectService(String idOrName) {
    throw new UnsupportedOperationException();
  }

  @Override
  public String createService(ObjectNode spec, Optional<RegistryAuth> auth) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void updateService(String id, long version, ObjectNode spec, Optional<RegistryAuth> auth) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void removeService(String id) {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<ObjectNode> listTasks(Map<String, List<String>> filters) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Optional<ObjectNode> inspectTask(String id) {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<ObjectNode> listNodes() {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<EngineObject> listNetworks(Map<String, String> labels) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Optional<EngineObject> inspectNetwork(String idOrName) {
    throw new UnsupportedOperationException();
  }

  @Override
  public String createNetwork(ObjectNode request) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void removeNetwork(String idOrName) {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<EngineObject> listVolumes(Map<String, String> labels) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void removeVolume(String name) {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<EngineObject> listSecrets(Map<String, String> labels) {
    throw new UnsupportedOperationException();
  }

  @Override
  public String createSecret(ObjectNode spec) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void updateSecret(String id, long version, ObjectNode spec) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void removeSecret(String id) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Optional<ImageDistribution> imageDistribution(String image, Optional<RegistryAuth> auth) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void close() {}
}
