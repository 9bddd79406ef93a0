package dev.swarmstack.swarm.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.problem.Origin;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SharedNetworkRequestsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void overlayCarriesEverySettingInOneRequest() throws Exception {
    SharedNetwork overlay = new SharedNetwork(
        "shared-net",
        "overlay",
        new TreeMap<>(Map.of("encrypted", "", "com.docker.network.driver.mtu", "1400")),
        true,
        true,
        true,
        new TreeMap<>(Map.of("team", "shop")),
        null,
        List.of(
            new SharedNetwork.Pool(
                "10.30.0.0/16",
                "10.30.1.0/24",
                "10.30.0.1",
                new TreeMap<>(Map.of("router", "10.30.0.2"))),
            new SharedNetwork.Pool("fd00:30::/64", null, null, null)),
        Origin.UNKNOWN);

    assertEquals(List.of(json("""
        {"Name": "shared-net", "Driver": "overlay", "CheckDuplicate": true,
         "Options": {"com.docker.network.driver.mtu": "1400", "encrypted": ""},
         "EnableIPv6": true,
         "IPAM": {"Config": [
           {"Subnet": "10.30.0.0/16", "IPRange": "10.30.1.0/24", "Gateway": "10.30.0.1",
            "AuxiliaryAddresses": {"router": "10.30.0.2"}},
           {"Subnet": "fd00:30::/64"}]},
         "Labels": {"dev.swarmstack.shared-network": "true", "team": "shop"},
         "Attachable": true, "Internal": true}
        """)), SharedNetworkRequests.of(overlay));
  }

  @Test
  void ipvlanIsAConfigOnlyNetworkPlusASwarmNetworkMadeFromIt() throws Exception {
    SharedNetwork ipvlan = new SharedNetwork(
        "lan",
        "ipvlan",
        new TreeMap<>(Map.of("parent", "eth1", "ipvlan_mode", "l2")),
        true,
        false,
        false,
        null,
        null,
        List.of(new SharedNetwork.Pool("192.168.50.0/24", null, "192.168.50.1", null)),
        Origin.UNKNOWN);

    // the engine refuses Scope, Internal and Attachable on the config-only network, and labels,
    // IPAM and options
    // on the one made from it
    assertEquals(List.of(json("""
        {"Name": "lan-config", "Driver": "null", "CheckDuplicate": true, "ConfigOnly": true,
         "Options": {"ipvlan_mode": "l2", "parent": "eth1"},
         "IPAM": {"Config": [{"Subnet": "192.168.50.0/24", "Gateway": "192.168.50.1"}]},
         "Labels": {"dev.swarmstack.shared-network": "true"}}
        """), json("""
        {"Name": "lan", "Driver": "ipvlan", "CheckDuplicate": true, "Scope": "swarm",
         "ConfigFrom": {"Network": "lan-config"}, "Attachable": true}
        """)), SharedNetworkRequests.of(ipvlan));
  }

  @Test
  void bridgeIsOneLocalNetwork() throws Exception {
    SharedNetwork bridge = new SharedNetwork(
        "local-net", "bridge", null, false, false, false, null, null, List.of(), Origin.UNKNOWN);

    assertEquals(List.of(json("""
        {"Name": "local-net", "Driver": "bridge", "CheckDuplicate": true,
         "Labels": {"dev.swarmstack.shared-network": "true"}}
        """)), SharedNetworkRequests.of(bridge));
  }

  private static ObjectNode json(String text) throws Exception {
    return (ObjectNode) JSON.readTree(text);
  }
}
