package dev.swarmstack.swarm.capacity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.capacity.AddressSpace.Allocation;
import dev.swarmstack.swarm.capacity.AddressSpace.State;
import dev.swarmstack.swarm.convert.ConvertedStack;
import dev.swarmstack.swarm.engine.EngineObject;
import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.problem.Origin;
import dev.swarmstack.swarm.problem.Problems;
import dev.swarmstack.swarm.problem.UserTerms;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The address count of deploy planning, with what the swarm tells: how many nodes can run tasks, the subnets of
 * networks that exist already (external ones, the stack's own from an earlier deploy, {@code ingress}), and the
 * services outside the stack that take addresses on them. Reads only lists (nodes, networks, services).
 */
public final class LiveCapacityCheck {

  private final SwarmEngine engine;

  public LiveCapacityCheck(SwarmEngine engine) {
    this.engine = engine;
  }

  /** Adds an error for each network of {@code stack} that can't address its services. */
  public void check(ConvertedStack stack, UserTerms terms, Problems problems) {
    check(
        stack,
        engine.listNodes(),
        engine.listNetworks(Map.of()),
        engine.listServices(Map.of()),
        terms,
        problems);
  }

  /** The same, on lists the caller has read already: every node, network and service of the swarm. */
  public static void check(
      ConvertedStack stack,
      List<ObjectNode> allNodes,
      List<EngineObject> all,
      List<EngineObject> allServices,
      UserTerms terms,
      Problems problems) {
    long nodes = allNodes.stream().filter(LiveCapacityCheck::canRunTasks).count();
    Map<String, EngineObject> byName = new HashMap<>();
    Map<String, String> nameById = new HashMap<>();
    all.forEach(network -> {
      byName.put(network.name(), network);
      nameById.put(network.id(), network.name());
    });
    EngineObject ingress = all.stream()
        .filter(network -> network.raw().path("Ingress").asBoolean(false))
        .findFirst()
        .orElse(null);

    List<ServiceLoad> loads = new ArrayList<>();
    stack
        .services()
        .forEach((name, spec) -> loads.add(load(name, spec, nameById, ingress, nodes, false)));
    for (EngineObject service : allServices) {
      if (!stack.services().containsKey(service.name())) {
        loads.add(load(service.name(), service.spec(), nameById, ingress, nodes, true));
      }
    }

    List<AddressSpace> networks = new ArrayList<>();
    stack.networks().forEach((name, request) -> {
      EngineObject existing = byName.get(name);
      JsonNode declared = existing == null ? request : existing.raw();
      space(
              name,
              declared,
              byName,
              existing == null ? State.NEW : State.STACK,
              stack.networkOrigin(name))
          .ifPresent(networks::add);
    });
    for (String name : stack.externalNetworks()) {
      Optional.ofNullable(byName.get(name))
          .flatMap(existing ->
              space(name, existing.raw(), byName, State.FOREIGN, stack.networkOrigin(name)))
          .ifPresent(networks::add);
    }
    if (ingress != null
        && loads.stream()
            .anyMatch(load -> !load.otherStack() && load.networks().contains(ingress.name()))) {
      networks.add(new AddressSpace(
          ingress.name(), Allocation.INGRESS, pools(ingress.raw()), State.FOREIGN, Origin.UNKNOWN));
    }
    CapacityReport.report(AddressCount.count(networks, loads, nodes), terms, problems);
  }

  /** Ready nodes whose availability lets the scheduler place tasks on them. */
  private static boolean canRunTasks(JsonNode node) {
    return node.path("Spec").path("Availability").asText("active").equals("active")
        && node.path("Status").path("State").asText().equals("ready");
  }

  /**
   * @param network a NetworkCreateRequest, or a network as the engine returns it
   * @return empty for drivers that take no addresses from a known subnet
   */
  private static Optional<AddressSpace> space(
      String name, JsonNode network, Map<String, EngineObject> byName, State state, Origin origin) {
    Optional<Allocation> allocation = Drivers.allocation(network.path("Driver").asText(null));
    if (allocation.isEmpty()) {
      return Optional.empty();
    }
    // a swarm-scoped macvlan network takes its subnet from a node-local config-only network
    String configFrom = network.path("ConfigFrom").path("Network").asText("");
    JsonNode withPools = byName.containsKey(configFrom) ? byName.get(configFrom).raw() : network;
    List<AddressPool> pools;
    try {
      pools = pools(withPools);
    } catch (IllegalArgumentException e) {
      // the engine refuses a malformed subnet with its own message
      return Optional.empty();
    }
    if (allocation.get() == Allocation.NODE_LOCAL && pools.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new AddressSpace(name, allocation.get(), pools, state, origin));
  }

  /** The IPAM pools of a network or a create request (same field names in both). */
  static List<AddressPool> pools(JsonNode network) {
    List<AddressPool> pools = new ArrayList<>();
    for (JsonNode config : network.path("IPAM").path("Config")) {
      String range = config.path("IPRange").asText("");
      String gateway = config.path("Gateway").asText("");
      List<String> auxiliary = new ArrayList<>();
      config.path("AuxiliaryAddresses").forEach(address -> auxiliary.add(address.asText()));
      pools.add(new AddressPool(
          Cidr.parse(config.path("Subnet").asText()),
          range.isEmpty() ? null : Cidr.parse(range),
          gateway.isEmpty() ? null : gateway,
          auxiliary));
    }
    return pools;
  }

  private static ServiceLoad load(
      String name,
      JsonNode spec,
      Map<String, String> nameById,
      EngineObject ingress,
      long nodes,
      boolean otherStack) {
    Set<String> networks = new TreeSet<>();
    // the engine stores network ids as targets, a request names them
    spec.path("TaskTemplate").path("Networks").forEach(attachment -> {
      String target = attachment.path("Target").asText();
      networks.add(nameById.getOrDefault(target, target));
    });
    if (ingress != null && publishesThroughIngress(spec)) {
      networks.add(ingress.name());
    }
    boolean virtualIp = !spec.path("EndpointSpec").path("Mode").asText("vip").equals("dnsrr");
    return new ServiceLoad(name, networks, virtualIp, tasks(spec.path("Mode"), nodes), otherStack);
  }

  private static boolean publishesThroughIngress(JsonNode spec) {
    for (JsonNode port : spec.path("EndpointSpec").path("Ports")) {
      // an unset mode is ingress
      if (!port.path("PublishMode").asText("").equals("host")) {
        return true;
      }
    }
    return false;
  }

  /** Tasks that can run at once, from a ServiceSpec's {@code Mode}. */
  static long tasks(JsonNode mode, long nodes) {
    if (mode.has("Global") || mode.has("GlobalJob")) {
      return nodes;
    }
    if (mode.has("ReplicatedJob")) {
      return mode.path("ReplicatedJob").path("MaxConcurrent").asLong(1);
    }
    return mode.path("Replicated").path("Replicas").asLong(1);
  }
}
