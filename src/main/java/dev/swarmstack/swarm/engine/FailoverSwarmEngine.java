package dev.swarmstack.swarm.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One of several managers ({@code <dockerHosts>}) that is replaced by another when it stops answering, so that a
 * goal that started through it, e.g. a deploy waiting for its stack, goes on through the next manager that is up.
 *
 * <p>A read that got no answer is asked again of the new manager. A write that got no answer is not: the lost
 * manager may have applied it, so it fails as it would without failover (the deploy then reports and rolls back
 * through the new manager). An event subscription stays with the manager it was made on; after a switch the
 * watchers' heartbeat, which re-reads the state every second, carries on without its events.
 */
public final class FailoverSwarmEngine implements SwarmEngine {

  private final Supplier<SwarmEngine> connectAgain;
  private final Consumer<String> warn;
  /** Null between losing a manager and the next call, which connects to another. */
  private SwarmEngine current;

  /**
   * @param connectAgain chooses a manager anew among all of them, or throws when none is up
   * @param warn told when a manager is lost
   */
  public FailoverSwarmEngine(
      SwarmEngine first, Supplier<SwarmEngine> connectAgain, Consumer<String> warn) {
    this.current = first;
    this.connectAgain = connectAgain;
    this.warn = warn;
  }

  private synchronized SwarmEngine current() {
    if (current == null) {
      current = connectAgain.get();
    }
    return current;
  }

  private synchronized void lose(SwarmEngine lost, EngineUnreachableException why) {
    if (current != lost) {
      return; // another call already moved on
    }
    warn.accept("Lost swarm manager " + lost.address() + ": " + why.reason()
        + "; going on through another manager");
    current = null;
    try {
      lost.close();
    } catch (RuntimeException ignored) {
      // it is gone either way
    }
  }

  private <T> T read(Function<SwarmEngine, T> call) {
    SwarmEngine engine = current();
    try {
      return call.apply(engine);
    } catch (EngineUnreachableException e) {
      lose(engine, e);
      return call.apply(current());
    }
  }

  private <T> T write(Function<SwarmEngine, T> call) {
    SwarmEngine engine = current();
    try {
      return call.apply(engine);
    } catch (EngineUnreachableException e) {
      lose(engine, e);
      throw e;
    }
  }

  private void change(Consumer<SwarmEngine> call) {
    write(engine -> {
      call.accept(engine);
      return null;
    });
  }

  @Override
  public String address() {
    return current().address();
  }

  @Override
  public EngineInfo info() {
    return read(SwarmEngine::info);
  }

  @Override
  public List<EngineObject> listServices(Map<String, String> labels) {
    return read(engine -> engine.listServices(labels));
  }

  @Override
  public Optional<ObjectNode> inspectTask(String id) {
    return read(engine -> engine.inspectTask(id));
  }

  @Override
  public Optional<EngineObject> inspectService(String idOrName) {
    return read(engine -> engine.inspectService(idOrName));
  }

  @Override
  public String createService(ObjectNode spec, Optional<RegistryAuth> auth) {
    return write(engine -> engine.createService(spec, auth));
  }

  @Override
  public void updateService(String id, long version, ObjectNode spec, Optional<RegistryAuth> auth) {
    change(engine -> engine.updateService(id, version, spec, auth));
  }

  @Override
  public void removeService(String id) {
    change(engine -> engine.removeService(id));
  }

  @Override
  public List<ObjectNode> listTasks(Map<String, List<String>> filters) {
    return read(engine -> engine.listTasks(filters));
  }

  @Override
  public List<ObjectNode> listNodes() {
    return read(SwarmEngine::listNodes);
  }

  @Override
  public List<EngineObject> listNetworks(Map<String, String> labels) {
    return read(engine -> engine.listNetworks(labels));
  }

  @Override
  public Optional<EngineObject> inspectNetwork(String idOrName) {
    return read(engine -> engine.inspectNetwork(idOrName));
  }

  @Override
  public String createNetwork(ObjectNode request) {
    return write(engine -> engine.createNetwork(request));
  }

  @Override
  public void removeNetwork(String idOrName) {
    change(engine -> engine.removeNetwork(idOrName));
  }

  @Override
  public List<EngineObject> listVolumes(Map<String, String> labels) {
    return read(engine -> engine.listVolumes(labels));
  }

  @Override
  public void removeVolume(String name) {
    change(engine -> engine.removeVolume(name));
  }

  @Override
  public List<EngineObject> listSecrets(Map<String, String> labels) {
    return read(engine -> engine.listSecrets(labels));
  }

  @Override
  public String createSecret(ObjectNode spec) {
    return write(engine -> engine.createSecret(spec));
  }

  @Override
  public void updateSecret(String id, long version, ObjectNode spec) {
    change(engine -> engine.updateSecret(id, version, spec));
  }

  @Override
  public void removeSecret(String id) {
    change(engine -> engine.removeSecret(id));
  }

  @Override
  public List<EngineObject> listConfigs(Map<String, String> labels) {
    return read(engine -> engine.listConfigs(labels));
  }

  @Override
  public String createConfig(ObjectNode spec) {
    return write(engine -> engine.createConfig(spec));
  }

  @Override
  public void updateConfig(String id, long version, ObjectNode spec) {
    change(engine -> engine.updateConfig(id, version, spec));
  }

  @Override
  public void removeConfig(String id) {
    change(engine -> engine.removeConfig(id));
  }

  @Override
  public Optional<ImageDistribution> imageDistribution(String image, Optional<RegistryAuth> auth) {
    return read(engine -> engine.imageDistribution(image, auth));
  }

  @Override
  public EventSubscription subscribeEvents(
      Map<String, List<String>> filters, Consumer<ObjectNode> onEvent) {
    return current().subscribeEvents(filters, onEvent);
  }

  @Override
  public List<String> taskLogs(String taskId, int lines) {
    return read(engine -> engine.taskLogs(taskId, lines));
  }

  @Override
  public synchronized void close() {
    if (current != null) {
      current.close();
    }
  }
}
