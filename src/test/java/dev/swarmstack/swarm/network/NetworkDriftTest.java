package dev.swarmstack.swarm.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkDriftTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** As the engine shows an overlay network created without subnet: it chose the subnet, gateway and VXLAN id. */
  private static final String CREATED_PLAIN = """
      {"Name": "n", "Driver": "overlay", "Scope": "swarm", "Internal": false, "Attachable": false, "EnableIPv6": false,
       "IPAM": {"Driver": "default", "Config": [{"Subnet": "10.0.9.0/24", "Gateway": "10.0.9.1"}]},
       "Options": {"com.docker.network.driver.overlay.vxlanid_list": "4105"},
       "Labels": {"dev.swarmstack.shared-network": "true"}}
      """;

  @Test
  void whatTheEngineChoseIsNoDrift() throws Exception {
    JsonNode declared = json("""
        {"Name": "n", "Driver": "overlay", "Labels": {"dev.swarmstack.shared-network": "true"}}
        """);

    assertEquals(List.of(), NetworkDrift.of(declared, json(CREATED_PLAIN)));
  }

  @Test
  void everyDifferingPropertyIsNamedWithBothValues() throws Exception {
    JsonNode declared = json("""
        {"Name": "n", "Driver": "macvlan", "Attachable": true, "Internal": true,
         "Options": {"encrypted": "", "com.docker.network.driver.mtu": "1400"},
         "IPAM": {"Config": [{"Subnet": "10.1.0.0/24", "Gateway": "10.1.0.254"}]},
         "Labels": {"dev.swarmstack.shared-network": "true", "team": "shop"}}
        """);

    List<String> drift = NetworkDrift.of(declared, json(CREATED_PLAIN)).stream()
        .map(Object::toString)
        .toList();

    assertEquals(
        List.of(
            "driver (declared macvlan, found overlay)",
            "options (declared {com.docker.network.driver.mtu=1400}, found none)",
            "encrypted (declared true, found false)",
            "subnet (declared [10.1.0.0/24], found [10.0.9.0/24])",
            "gateway (declared 10.1.0.254, found 10.0.9.1)",
            "labels (declared {dev.swarmstack.shared-network=true, team=shop}, found {dev.swarmstack.shared-network=true})",
            "attachable (declared true, found false)",
            "internal (declared true, found false)"),
        drift);
  }

  @Test
  void aGatewayTheEngineChoseIsNoDriftWhenNoneIsDeclared() throws Exception {
    JsonNode declared = json("""
        {"Name": "n", "Driver": "overlay", "IPAM": {"Config": [{"Subnet": "10.0.9.0/24"}]},
         "Labels": {"dev.swarmstack.shared-network": "true"}}
        """);

    assertEquals(List.of(), NetworkDrift.of(declared, json(CREATED_PLAIN)));
  }

  @Test
  void aRemovedOptionOrLabelIsDriftToo() throws Exception {
    JsonNode declared = json("""
        {"Name": "n", "Driver": "overlay", "Labels": {}}
        """);
    JsonNode actual = json("""
        {"Name": "n", "Driver": "overlay", "Options": {"encrypted": "", "com.docker.network.driver.mtu": "1400"},
         "Labels": {"old": "x"}}
        """);

    assertEquals(
        List.of("options", "encrypted", "labels"),
        NetworkDrift.of(declared, actual).stream()
            .map(NetworkDrift.Difference::property)
            .toList());
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }
}
