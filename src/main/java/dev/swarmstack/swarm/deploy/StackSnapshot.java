package dev.swarmstack.swarm.deploy;

import dev.swarmstack.swarm.deploy.DeployPlan.Kind;
import dev.swarmstack.swarm.deploy.DeployPlan.ObjectWrite;
import dev.swarmstack.swarm.deploy.DeployPlan.ServiceWrite;
import dev.swarmstack.swarm.engine.EngineObject;
import dev.swarmstack.swarm.engine.RegistryAuth;
import java.util.List;
import java.util.Optional;

/**
 * What the stack was before a deploy wrote anything, as far as the deploy changes it: the previous spec of every
 * service it updates or prunes, and which services, networks, secrets and configs it creates. Taken from the plan,
 * whose reads all happen before the first write. {@link StackRollback} restores it.
 *
 * @param updatedServices the services the deploy updates, as they were (spec and version)
 * @param credentials per updated service, the registry credentials its restore is sent with
 * @param prunedServices the services the deploy removes because they are no longer declared, as they were
 * @param stackExisted whether the stack had services before; a failed first deploy is rolled back to nothing
 */
record StackSnapshot(
    List<EngineObject> updatedServices,
    List<Optional<RegistryAuth>> credentials,
    List<EngineObject> prunedServices,
    List<String> newServices,
    List<String> newNetworks,
    List<String> newSecrets,
    List<String> newConfigs,
    boolean stackExisted) {

  static StackSnapshot of(DeployPlan plan) {
    List<ServiceWrite> updates =
        plan.serviceWrites().stream().filter(write -> write.existing() != null).toList();
    boolean stackExisted = plan.changes().stream()
        .anyMatch(change ->
            change.kind() == Kind.SERVICE && change.change() != PlannedChange.Change.CREATE);
    return new StackSnapshot(
        updates.stream().map(ServiceWrite::existing).toList(),
        updates.stream().map(ServiceWrite::auth).toList(),
        plan.removals(Kind.SERVICE),
        plan.serviceWrites().stream()
            .filter(write -> write.existing() == null)
            .map(ServiceWrite::name)
            .toList(),
        created(plan, Kind.NETWORK),
        created(plan, Kind.SECRET),
        created(plan, Kind.CONFIG),
        stackExisted);
  }

  /** Whether the stack did not exist before: a failed first deploy is rolled back to nothing. */
  boolean isFirstDeploy() {
    return !stackExisted;
  }

  private static List<String> created(DeployPlan plan, Kind kind) {
    return plan.writes(kind).stream()
        .filter(write -> write.existing() == null)
        .map(ObjectWrite::name)
        .toList();
  }
}
