package dev.swarmstack.swarm.maven.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.swarmstack.swarm.definition.StackDefinition.SharedNetworkName;
import dev.swarmstack.swarm.network.SharedNetwork;
import dev.swarmstack.swarm.problem.Origin;
import dev.swarmstack.swarm.problem.Problem;
import dev.swarmstack.swarm.problem.Problems;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SharedNetworkMapperTest {

  private final Problems problems = new Problems();

  @Test
  void aSharedNetworkTakesTheStackVocabularyPlusWhatComposeLacks() {
    NetworkConfig network = network("backbone");
    network.encrypted = true;
    network.attachable = true;
    network.enableIpv6 = true;
    network.driverOpts = Map.of("com.docker.network.driver.mtu", "1400");
    network.ipam = new IpamConfig();
    network.ipam.subnet = "10.40.0.0/16";
    network.ipam.gateway = "10.40.0.1";
    network.ipam.ipRange = "10.40.8.0/21";
    network.ipam.auxAddresses = Map.of("router", "10.40.0.2");
    network.ipam.subnets = List.of("fd00:40::/64");
    network.labels = Map.of("team", "shop");

    List<SharedNetwork> mapped = new SharedNetworkMapper().map(List.of(network), problems);

    assertEquals(List.of(), problems.all());
    assertEquals(
        List.of(new SharedNetwork(
            "backbone",
            "overlay",
            new TreeMap<>(Map.of("com.docker.network.driver.mtu", "1400", "encrypted", "")),
            true,
            false,
            true,
            new TreeMap<>(Map.of("team", "shop")),
            null,
            List.of(
                new SharedNetwork.Pool(
                    "10.40.0.0/16",
                    "10.40.8.0/21",
                    "10.40.0.1",
                    new TreeMap<>(Map.of("router", "10.40.0.2"))),
                new SharedNetwork.Pool("fd00:40::/64", null, null, null)),
            Origin.pom("<sharedNetworks><network>backbone</network>"))),
        mapped);
  }

  @Test
  void everyMistakeIsReportedWithItsElement() {
    NetworkConfig external = network("a");
    external.external = true;
    NetworkConfig encryptedMacvlan = network("b");
    encryptedMacvlan.driver = "macvlan";
    encryptedMacvlan.encrypted = true;
    NetworkConfig gatewayWithoutSubnet = network("c");
    gatewayWithoutSubnet.ipam = new IpamConfig();
    gatewayWithoutSubnet.ipam.gateway = "10.0.0.1";

    List<SharedNetwork> mapped = new SharedNetworkMapper()
        .map(
            List.of(external, encryptedMacvlan, gatewayWithoutSubnet, network("a"), network(null)),
            problems);

    assertEquals(List.of(), mapped);
    assertEquals(
        List.of(
            "<sharedNetworks><network>a</network><external>",
            "<sharedNetworks><network>b</network><encrypted>",
            "<sharedNetworks><network>c</network><ipam>",
            "<sharedNetworks><network>a</network>",
            "<sharedNetworks><network>[5]"),
        problems.all().stream().map(Problem::origin).map(Origin::location).toList());
  }

  @Test
  void servicesNameASharedNetworkByItsNameAndGetItsNameOnTheEngine() {
    NetworkConfig named = network("backbone");
    named.engineName = "corp-backbone";

    Map<String, SharedNetworkName> byName =
        SharedNetworkMapper.byName(List.of(named, network("edge")));

    assertEquals(
        Map.of(
            "backbone",
                new SharedNetworkName(
                    "corp-backbone", Origin.pom("<sharedNetworks><network>backbone</network>")),
            "edge",
                new SharedNetworkName(
                    "edge", Origin.pom("<sharedNetworks><network>edge</network>"))),
        byName);
  }

  @Test
  void settingsComposeCantExpressAreAnErrorOnAStackNetwork() {
    NetworkConfig network = network("back");
    network.enableIpv6 = true;
    network.ipam = new IpamConfig();
    network.ipam.subnet = "10.50.0.0/24";
    network.ipam.gateway = "10.50.0.1";

    new PomStackMapper().map(List.of(network), null, null, null, null, problems);

    assertEquals(1, problems.all().size(), problems.all().toString());
    assertEquals(
        "<networks><network>back</network>: <enableIpv6>, <ipam><gateway> are for shared networks only:"
            + " compose file format 3 has no such key, and the generated stack file must stay valid for docker stack"
            + " config. Declare the network under <sharedNetworks> instead and create it with swarm:networks; services"
            + " that name it then use it as an external network",
        problems.all().get(0).toString());
  }

  private static NetworkConfig network(String name) {
    NetworkConfig network = new NetworkConfig();
    network.name = name;
    return network;
  }
}
