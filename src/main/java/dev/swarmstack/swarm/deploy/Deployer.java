package dev.swarmstack.swarm.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.convert.ConvertedStack;
import dev.swarmstack.swarm.convert.ServiceSpecs;
import dev.swarmstack.swarm.deploy.DeployPlan.Kind;
import dev.swarmstack.swarm.deploy.DeployPlan.ObjectWrite;
import dev.swarmstack.swarm.deploy.DeployPlan.ServiceWrite;
import dev.swarmstack.swarm.engine.EngineException;
import dev.swarmstack.swarm.engine.EngineInfo;
import dev.swarmstack.swarm.engine.EngineObject;
import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.remove.StackCleanup;
import dev.swarmstack.swarm.stack.DeployLog;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * {@code docker stack deploy}, without its surprises: the whole plan is computed and checked before the first
 * write, unchanged services are not updated, and pruning covers networks, secrets and configs too.
 */
public final class Deployer {

  /** {@code update out of sequence} means someone changed the service meanwhile: read it again and retry. */
  static final int UPDATE_ATTEMPTS = 4;

  private final SwarmEngine engine;
  private final DeployLog log;

  public Deployer(SwarmEngine engine, DeployLog log) {
    this.engine = engine;
    this.log = log;
  }

  /** Plans, prints the plan, applies it. */
  public DeployPlan deploy(String namespace, ConvertedStack stack, DeployOptions options) {
    DeployPlan plan = plan(namespace, stack, options);
    printPlan(plan);
    apply(plan, options);
    return plan;
  }

  /** The plan as {@code swarm:deploy} and {@code swarm:diff} print it: a header, then the objects' lines. */
  public void printPlan(DeployPlan plan) {
    log.info("Plan for stack " + plan.namespace() + ": " + plan.writeCount() + " change(s)");
    plan.changes().forEach(change -> change.lines().forEach(line -> log.info("  " + line)));
  }

  /**
   * Reads the swarm and checks everything; writes nothing.
   *
   * @throws dev.swarmstack.swarm.problem.StackException when the stack can't be deployed, e.g. a secret's content
   *     changed and rotation is off
   */
  public DeployPlan plan(String namespace, ConvertedStack stack, DeployOptions options) {
    DeployPlan plan = preview(namespace, stack, options);
    plan.throwIfBlocked();
    return plan;
  }

  /** The plan, even when it can't be applied: {@link DeployPlan#blockers()} say why ({@code swarm:diff}). */
  public DeployPlan preview(String namespace, ConvertedStack stack, DeployOptions options) {
    EngineInfo info = engine.info();
    info.requireManager(engine.address(), log.terms());
    return new Planner(engine, log)
        .plan(namespace, NewerApiFields.withoutUnsupported(stack, info.apiVersion(), log), options);
  }

  public ApplyResult apply(DeployPlan plan, DeployOptions options) {
    ApplyResult result = applyChanges(plan, options);
    removePruned(plan, options);
    return result;
  }

  /**
   * Everything but removing pruned networks, secrets and configs: a rollback may still need them, for the pruned
   * services it recreates. Pruned services themselves go first, as with the CLI: a new service may take their
   * published ports. Then networks, secrets and configs, which the services refer to, then the services.
   */
  ApplyResult applyChanges(DeployPlan plan, DeployOptions options) {
    ApplyResult result = new ApplyResult();
    if (plan.writeCount() == 0) {
      log.info("Stack " + plan.namespace() + " is up to date");
      return result;
    }
    new StackCleanup(engine, log, options.timeout()).removeServices(plan.removals(Kind.SERVICE));
    for (ObjectWrite network :
        plan.writes(Kind.NETWORK)) { // only created: the engine can't change a network
      log.info("Creating network " + network.name());
      result.created(Kind.NETWORK, network.name(), engine.createNetwork(network.spec()));
    }
    writeObjects(
        plan,
        Kind.SECRET,
        result,
        engine::createSecret,
        (id, write) -> engine.updateSecret(id, write.existing().version(), write.spec()));
    writeObjects(
        plan,
        Kind.CONFIG,
        result,
        engine::createConfig,
        (id, write) -> engine.updateConfig(id, write.existing().version(), write.spec()));
    Map<String, String> secretIds = result.ids(plan, Kind.SECRET);
    Map<String, String> configIds = result.ids(plan, Kind.CONFIG);
    for (ServiceWrite service : plan.serviceWrites()) {
      ObjectNode spec = ServiceSpecs.withObjectIds(service.spec(), secretIds, configIds);
      if (service.existing() == null) {
        log.info("Creating service " + service.name());
        result.created(Kind.SERVICE, service.name(), engine.createService(spec, service.auth()));
      } else {
        log.info(
            "Updating service " + service.name() + " (id: " + service.existing().id() + ")");
        update(service, spec);
      }
    }
    return result;
  }

  /** Removes the pruned networks, secrets and configs, once the pruned services' tasks are gone. */
  void removePruned(DeployPlan plan, DeployOptions options) {
    StackCleanup cleanup = new StackCleanup(engine, log, options.timeout());
    cleanup.removeSecrets(plan.removals(Kind.SECRET));
    cleanup.removeConfigs(plan.removals(Kind.CONFIG));
    if (!plan.removals(Kind.NETWORK).isEmpty()) {
      cleanup.awaitTasksGone(plan.namespace(), plan.removals(Kind.SERVICE));
      cleanup.removeNetworks(plan.removals(Kind.NETWORK));
    }
  }

  private void writeObjects(
      DeployPlan plan,
      Kind kind,
      ApplyResult result,
      Function<ObjectNode, String> create,
      BiConsumer<String, ObjectWrite> updateLabels) {
    for (ObjectWrite write : plan.writes(kind)) {
      if (write.existing() == null) {
        log.info("Creating " + kind.label() + " " + write.name());
        result.created(kind, write.name(), create.apply(write.spec()));
      } else {
        log.info("Updating " + kind.label() + " " + write.name() + " (labels)");
        updateLabels.accept(write.existing().id(), write);
      }
    }
  }

  private void update(ServiceWrite service, ObjectNode spec) {
    EngineObject current = service.existing();
    for (int attempt = 1; ; attempt++) {
      try {
        engine.updateService(
            current.id(),
            current.version(),
            ServicePlanner.specForUpdate(spec, current),
            service.auth());
        return;
      } catch (EngineException e) {
        if (!e.isOutOfSequence() || attempt == UPDATE_ATTEMPTS) {
          throw e;
        }
        log.info("Service " + service.name() + " changed meanwhile; reading it again (attempt "
            + (attempt + 1) + ")");
        current = engine
            .inspectService(current.id())
            .orElseThrow(() -> new EngineException(
                "service " + service.name() + " was removed during the deploy", 404, e));
      }
    }
  }
}
