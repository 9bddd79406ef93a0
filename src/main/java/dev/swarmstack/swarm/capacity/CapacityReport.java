package dev.swarmstack.swarm.capacity;

import dev.swarmstack.swarm.capacity.AddressSpace.Allocation;
import dev.swarmstack.swarm.capacity.AddressSpace.State;
import dev.swarmstack.swarm.problem.Command;
import dev.swarmstack.swarm.problem.Problems;
import dev.swarmstack.swarm.problem.UserTerms;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns networks that are too small into one error each, with the numbers and the fix: the engine itself
 * accepts such a deploy and leaves the tasks that find no address {@code New} or {@code Rejected}.
 */
public final class CapacityReport {

  /** An example base for a suggested subnet when none is declared. */
  private static final Cidr EXAMPLE_SUBNET = Cidr.parse("10.10.0.0/24");

  private CapacityReport() {}

  /** Reports an error for each network that can't hold its services. */
  public static void report(List<NetworkNeed> needs, UserTerms terms, Problems problems) {
    needs.stream()
        .filter(need -> !need.fits())
        .forEach(need -> problems.error(need.network().origin(), message(need, terms)));
  }

  static String message(NetworkNeed need, UserTerms terms) {
    AddressSpace network = need.network();
    String what = network.allocation() == Allocation.INGRESS
        ? "the ingress network (routing mesh for ports published" + " in ingress mode)"
        : "network " + network.name();
    return what + " needs " + need.needed() + " addresses but has " + need.usable() + ": "
        + breakdown(need)
        + "; " + subnets(need)
        + ". The engine would accept the deploy and leave the tasks it finds no address for"
        + " New or Rejected (\"ip addresses may be exhausted\"). " + fix(need, terms);
  }

  private static String breakdown(NetworkNeed need) {
    List<String> parts = new ArrayList<>();
    if (need.virtualIps() > 0) {
      parts.add(counted(need.virtualIps(), "virtual IP")
          + " (one per service, except endpoint_mode dnsrr)");
    }
    parts.add(counted(need.tasks(), "task address")
        + " (one per replica; global services one per node, jobs their maximum"
        + " concurrent tasks)");
    if (need.loadBalancers() > 0) {
      String which = need.network().allocation() == Allocation.INGRESS
          ? "every node"
          : "one per node with tasks on it";
      parts.add(counted(need.loadBalancers(), "load-balancer address") + " (" + which + "; "
          + counted(need.nodes(), "node") + ")");
    }
    String counted = String.join(", ", parts);
    return need.otherStacks() == 0
        ? counted
        : counted + ", of which " + need.otherStacks()
            + " are taken by services outside this stack";
  }

  private static String counted(long count, String noun) {
    return count + " " + (count == 1 ? noun : noun.endsWith("s") ? noun + "es" : noun + "s");
  }

  private static String subnets(NetworkNeed need) {
    AddressSpace network = need.network();
    String pools = network.hasDefaultSubnet()
        ? "its subnet has the swarm's default size, /" + AddressSpace.DEFAULT_PREFIX
            + ", as none is declared"
        : "its subnet "
            + network.effectivePools().stream()
                .map(CapacityReport::describe)
                .collect(Collectors.joining(" + "));
    return pools + ": " + need.size() + " addresses, of which the engine reserves "
        + need.reserved() + " (network, gateway" + (need.bits() == 32 ? ", broadcast" : "")
        + " and any auxiliary addresses)";
  }

  private static String describe(AddressPool pool) {
    return pool.ipRange() == null
        ? pool.subnet().toString()
        : pool.subnet() + " (ip_range " + pool.ipRange() + ")";
  }

  private static String fix(NetworkNeed need, UserTerms terms) {
    AddressSpace network = need.network();
    int prefix = need.suggestedPrefix();
    String size = "a /" + prefix + " or larger";
    Cidr example = (network.hasDefaultSubnet()
                || need.bits() != network.pools().get(0).subnet().bits()
            ? EXAMPLE_SUBNET
            : network.pools().get(0).subnet())
        .withPrefix(prefix);
    if (network.allocation() == Allocation.INGRESS) {
      return "Publish the ports in mode: host, or recreate the ingress network with " + size
          + " subnet while no"
          + " service publishes ports (docker network rm ingress; docker network create --driver overlay --ingress"
          + " --subnet " + example + " ingress)";
    }
    if (network.state() == State.FOREIGN) {
      return "The network is not the stack's: recreate it with " + size
          + " subnet (e.g. docker network create" + " --driver overlay --subnet " + example + " "
          + network.name() + "), or move services to another network";
    }
    String declare = network.origin().location().startsWith("<")
        ? "<ipam><subnet>" + example + "</subnet></ipam> in the pom's <network>"
        : "ipam: {config: [{subnet: " + example
            + "}]} in the network's declaration in the compose file"
            + (network.name().endsWith("_default")
                ? " (declare networks: default: for the implicit default network)"
                : "");
    if (network.state() == State.STACK) {
      return "The network exists since an earlier deploy and the engine can't change its subnet: declare "
          + size + " subnet (" + declare + "), remove the stack (" + terms.run(Command.RM)
          + ") and deploy again";
    }
    return "Use " + size + " subnet: " + declare;
  }
}
