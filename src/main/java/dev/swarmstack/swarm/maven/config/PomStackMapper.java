package dev.swarmstack.swarm.maven.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.compose.SourceMap;
import dev.swarmstack.swarm.compose.SourceTree;
import dev.swarmstack.swarm.model.Network;
import dev.swarmstack.swarm.problem.Problems;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Turns the pom's {@code <networks>}, {@code <services>}, {@code <volumes>}, {@code <secrets>} and
 * {@code <configs>} into a compose-shaped tree (snake_case keys) whose origins are pom element paths.
 * Short forms ({@code 8080:80}, {@code 1m30s}, {@code 512M}) pass through as strings: the loader expands
 * them for compose files and the pom alike, and reports their errors with these origins.
 */
public final class PomStackMapper {

  /** Node-local networks a service can name without declaring them. */

  /**
   * Each list may be {@code null}: not configured. Entries without a name, names used twice and values given
   * in two forms at once are added to {@code problems} and left out of the tree, so that loading the rest can
   * still find the other errors.
   */
  public SourceTree map(
      List<NetworkConfig> networks,
      List<ServiceConfig> services,
      List<VolumeConfig> volumes,
      List<FileObjectConfig> secrets,
      List<FileObjectConfig> configs,
      Problems problems) {
    SourceMap origins = new SourceMap();
    PomNode root = PomNode.root(new PomNode.Context(origins, problems));
    ServiceMapper serviceMapper = new ServiceMapper();
    named(root, "services", "service", services, s -> s.name, serviceMapper::map);
    named(root, "networks", "network", networks, n -> n.name, this::network);
    declarePredefinedNetworks(root, services);
    named(root, "volumes", "volume", volumes, v -> v.name, this::volume);
    named(root, "secrets", "secret", secrets, f -> f.name, this::fileObject);
    named(root, "configs", "config", configs, f -> f.name, this::fileObject);
    return new SourceTree(root.node(), origins);
  }

  /**
   * Maps each entry of a pom list to the compose map entry under its {@code <name>}: compose's maps are keyed,
   * the pom's lists are not, so a missing or repeated name is reported here.
   */
  private static <T> void named(
      PomNode root,
      String section,
      String item,
      List<T> entries,
      Function<T, String> name,
      BiConsumer<T, PomNode> mapper) {
    if (entries == null || entries.isEmpty()) {
      return;
    }
    PomNode map = root.object(section);
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      T entry = entries.get(i);
      String key = name.apply(entry);
      String position = "<" + item + ">[" + (i + 1) + "]";
      if (key == null || key.isBlank()) {
        map.error(
            position,
            "<" + item + "> has no <name>: add <name>, the key other entries refer to it by");
        continue;
      }
      Integer first = seen.putIfAbsent(key, i + 1);
      if (first != null) {
        map.error(
            position,
            "<" + item + "> '" + key + "' is also defined as " + "<" + item + ">[" + first
                + "]: give each a different <name>, or merge them");
        continue;
      }
      mapper.accept(entry, map.object(key, "<" + item + ">" + key + "</" + item + ">"));
    }
  }

  /**
   * A service's {@code <network>host</network>} (or none, or bridge) means the network every node already has, so
   * the pom needs no {@code <network>} for it: it is declared here in the form the CLI accepts ({@code host:
   * {name: host, external: true}}), unless the pom declares that key itself. The origin is the first service element
   * naming it, so that the validator's verdict on the network (bridge and none are refused) points there.
   */
  private static void declarePredefinedNetworks(PomNode root, List<ServiceConfig> services) {
    Map<String, String> firstUse = new TreeMap<>();
    for (ServiceConfig service : services == null ? List.<ServiceConfig>of() : services) {
      if (service.name == null) {
        continue; // reported by named()
      }
      List<ServiceNetworkConfig> attached = service.networks == null ? List.of() : service.networks;
      for (int i = 0; i < attached.size(); i++) {
        String name = attached.get(i).name;
        if (name != null && Network.PREDEFINED.contains(name)) {
          firstUse.putIfAbsent(
              name, "<services><service>" + service.name + "</service><networks>[" + (i + 1) + "]");
        }
      }
    }
    firstUse.forEach((name, element) -> {
      if (!(root.node().get("networks") instanceof ObjectNode declared && declared.has(name))) {
        PomNode network = root.object("networks").as("").object(name, element);
        network.putOwn("name", name);
        network.putOwn("external", true);
      }
    });
  }

  private void network(NetworkConfig network, PomNode node) {
    List<String> sharedOnly = network.sharedOnlySettings();
    if (!sharedOnly.isEmpty()) {
      node.error(
          "",
          String.join(", ", sharedOnly) + (sharedOnly.size() == 1 ? " is" : " are")
              + " for shared networks"
              + " only: compose file format 3 has no such key, and the generated stack file must stay valid for docker"
              + " stack config. Declare the network under <sharedNetworks> instead and create it with swarm:networks;"
              + " services that name it then use it as an external network");
    }
    node.put("name", "engineName", network.engineName);
    node.put("driver", network.driver);
    node.put("driver_opts", network.driverOpts);
    if (Boolean.TRUE.equals(network.encrypted)) {
      // the overlay driver encrypts when the option is present, whatever its value; the CLI writes
      // ""
      node.object("driver_opts").as(node.element()).put("encrypted", "encrypted", "");
    }
    node.put("attachable", network.attachable);
    node.put("internal", network.internal);
    node.put("external", network.external);
    ipam(network.ipam, node);
    node.put("labels", network.labels);
  }

  private static void ipam(IpamConfig ipam, PomNode network) {
    if (ipam == null) {
      return;
    }
    PomNode node = network.object("ipam");
    node.put("driver", ipam.driver);
    if (ipam.subnet != null) {
      node.append("config", "<subnet>").putOwn("subnet", ipam.subnet);
    }
    List<String> subnets = ipam.subnets == null ? List.of() : ipam.subnets;
    for (int i = 0; i < subnets.size(); i++) {
      node.append("config", "<subnets>[" + (i + 1) + "]").putOwn("subnet", subnets.get(i));
    }
    network.dropIfEmpty("ipam");
  }

  private void volume(VolumeConfig volume, PomNode node) {
    node.put("name", "engineName", volume.engineName);
    node.put("driver", volume.driver);
    node.put("driver_opts", volume.driverOpts);
    node.put("external", volume.external);
    node.put("labels", volume.labels);
  }

  private void fileObject(FileObjectConfig object, PomNode node) {
    node.put("name", "engineName", object.engineName);
    node.put("file", object.file);
    node.put("external", object.external);
    node.put("labels", object.labels);
    node.put("driver", object.driver);
    node.put("driver_opts", object.driverOpts);
    node.put("template_driver", object.templateDriver);
  }
}
