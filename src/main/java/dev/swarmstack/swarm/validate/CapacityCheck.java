package dev.swarmstack.swarm.validate;

import dev.swarmstack.swarm.capacity.AddressCount;
import dev.swarmstack.swarm.capacity.AddressPool;
import dev.swarmstack.swarm.capacity.AddressSpace;
import dev.swarmstack.swarm.capacity.AddressSpace.Allocation;
import dev.swarmstack.swarm.capacity.AddressSpace.State;
import dev.swarmstack.swarm.capacity.CapacityReport;
import dev.swarmstack.swarm.capacity.Drivers;
import dev.swarmstack.swarm.capacity.ServiceLoad;
import dev.swarmstack.swarm.model.Network;
import dev.swarmstack.swarm.model.Service;
import dev.swarmstack.swarm.problem.Origin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether each network the stack creates can address its services, with what is known without an engine: one
 * node, and the swarm's default subnet size where none is declared. External networks and the ingress network are
 * counted at deploy, when the engine tells their subnets (see {@code LiveCapacityCheck}).
 */
final class CapacityCheck implements Check {

  private static final String DEFAULT_NETWORK = "default";
  /** Without an engine, at least the node being deployed to. */
  private static final long NODES = 1;

  @Override
  public void run(Findings findings) {
    Map<String, Service> services = findings.compose().servicesOrEmpty();
    Map<String, Set<String>> networksOfService = new LinkedHashMap<>();
    Map<String, Origin> usedBy = new LinkedHashMap<>();
    services.forEach((name, service) -> {
      Set<String> keys = service.networks() == null || service.networks().isEmpty()
          ? Set.of(DEFAULT_NETWORK)
          : service.networks().keySet();
      networksOfService.put(name, keys);
      keys.forEach(key -> usedBy.putIfAbsent(key, findings.stack().origins().at("services", name)));
    });

    List<AddressSpace> networks = new ArrayList<>();
    usedBy.forEach(
        (key, firstUser) -> addressSpace(findings, key, firstUser).ifPresent(networks::add));
    List<ServiceLoad> loads = new ArrayList<>();
    services.forEach((name, service) -> {
      Set<String> names = new TreeSet<>();
      networksOfService.get(name).forEach(key -> names.add(engineName(findings, key)));
      loads.add(new ServiceLoad(name, names, !PortCheck.isDnsrr(service), tasks(service), false));
    });
    CapacityReport.report(
        AddressCount.count(networks, loads, NODES), findings.terms(), findings.problems());
  }

  /** Empty for networks whose subnet is unknown here or that need no addresses from one. */
  private static Optional<AddressSpace> addressSpace(
      Findings findings, String key, Origin firstUser) {
    Network network = findings.compose().networksOrEmpty().get(key);
    if (network == null && !key.equals(DEFAULT_NETWORK)
        || network != null && Boolean.TRUE.equals(network.external())) {
      return Optional.empty();
    }
    Optional<Allocation> allocation = Drivers.allocation(network == null ? null : network.driver());
    List<AddressPool> pools = new ArrayList<>();
    if (network != null && network.ipam() != null && network.ipam().config() != null) {
      for (Network.IpamPool pool : network.ipam().config()) {
        try {
          pools.add(AddressPool.of(pool.subnet()));
        } catch (IllegalArgumentException | NullPointerException e) {
          // not a subnet: the engine refuses it with its own message; nothing to count
          return Optional.empty();
        }
      }
    }
    if (allocation.isEmpty() || allocation.get() == Allocation.NODE_LOCAL && pools.isEmpty()) {
      return Optional.empty();
    }
    Origin origin = network == null ? firstUser : findings.stack().origins().at("networks", key);
    return Optional.of(
        new AddressSpace(engineName(findings, key), allocation.get(), pools, State.NEW, origin));
  }

  private static String engineName(Findings findings, String key) {
    Network network = findings.compose().networksOrEmpty().get(key);
    return network == null
        ? findings.stackName() + "_" + key
        : ObjectNames.effective(findings.stackName(), key, network.name(), network.external());
  }

  private static long tasks(Service service) {
    return service.deploy() == null
        ? 1
        : Drivers.tasks(service.deploy().mode(), service.deploy().replicas(), NODES);
  }
}
