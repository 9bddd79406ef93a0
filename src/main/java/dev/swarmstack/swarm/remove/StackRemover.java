package dev.swarmstack.swarm.remove;

import dev.swarmstack.swarm.engine.EngineObject;
import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.history.StackHistory;
import dev.swarmstack.swarm.stack.DeployLog;
import dev.swarmstack.swarm.stack.StackLabels;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code docker stack rm}, finished properly: after removing the services it waits for their tasks to stop, so that
 * the stack's networks can really be removed (the CLI removes them at once and often leaks them, moby#37338).
 * Removes every object labelled with the stack's namespace, whoever deployed it; nothing else.
 */
public final class StackRemover {

  /** Named volumes hold data, so they stay unless asked for, as with {@code docker stack rm}. */
  public enum Volumes {
    KEEP,
    /** Removes the stack's volumes on the node this engine runs on; other nodes keep theirs (volumes are node-local). */
    REMOVE
  }

  /** The stack's history goes with it, unless asked to stay (to roll back to after removing the stack). */
  public enum History {
    KEEP,
    REMOVE
  }

  private final SwarmEngine engine;
  private final DeployLog log;

  public StackRemover(SwarmEngine engine, DeployLog log) {
    this.engine = engine;
    this.log = log;
  }

  /** Removes the stack and its history. */
  public int remove(String namespace, Duration timeout, Volumes volumePolicy) {
    return remove(namespace, timeout, volumePolicy, History.REMOVE);
  }

  /**
   * @param timeout how long to wait for the services' tasks to stop, and for each network or volume to become free
   * @return the number of objects removed (0: nothing found), revisions of its history included
   */
  public int remove(
      String namespace, Duration timeout, Volumes volumePolicy, History historyPolicy) {
    engine.info().requireManager(engine.address(), log.terms());
    StackHistory history = new StackHistory(engine);
    List<StackHistory.Entry> revisions =
        historyPolicy == History.REMOVE ? history.entries(namespace) : List.of();
    Map<String, String> stackLabel = StackLabels.of(namespace);
    List<EngineObject> services = engine.listServices(stackLabel);
    List<EngineObject> networks = engine.listNetworks(stackLabel);
    List<EngineObject> secrets = engine.listSecrets(stackLabel);
    List<EngineObject> configs = engine.listConfigs(stackLabel);
    List<EngineObject> volumes =
        volumePolicy == Volumes.REMOVE ? engine.listVolumes(stackLabel) : List.of();
    int total = services.size()
        + networks.size()
        + secrets.size()
        + configs.size()
        + volumes.size()
        + revisions.size();
    if (total == 0) {
      log.info("Nothing found in stack: " + namespace);
      return 0;
    }
    StackCleanup cleanup = new StackCleanup(engine, log, timeout);
    cleanup.removeServices(sorted(services));
    cleanup.awaitTasksGone(namespace, services);
    cleanup.removeSecrets(sorted(secrets));
    cleanup.removeConfigs(sorted(configs));
    cleanup.removeNetworks(sorted(networks));
    cleanup.removeVolumes(sorted(volumes));
    if (!revisions.isEmpty()) {
      log.info("Removing the stack's history: " + revisions.size() + " revision(s)");
      revisions.forEach(revision -> engine.removeConfig(revision.config().id()));
    }
    if (volumePolicy == Volumes.REMOVE) {
      log.info("Removed the stack's volumes on " + engine.address()
          + " only: volumes are local to each node, so"
          + " remove them on the other nodes with docker volume rm");
    }
    return total;
  }

  private static List<EngineObject> sorted(List<EngineObject> objects) {
    return objects.stream().sorted(Comparator.comparing(EngineObject::name)).toList();
  }
}
