package dev.swarmstack.swarm.docker;

import static dev.swarmstack.swarm.docker.EngineTestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.engine.EngineObject;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Secrets, configs and networks through the real engine. */
class EngineObjectsIT {

  private static EngineTestSupport support;

  @BeforeAll
  static void connect() {
    support = new EngineTestSupport();
  }

  @AfterAll
  static void cleanUp() {
    support.close();
  }

  @Test
  void secretsAreCreatedListedByLabelUpdatedAndRemoved() {
    ObjectNode spec = fileSpec(support.name("secret"));
    String id = support.engine.createSecret(spec);
    support.onClose(() -> EngineTestSupport.removeIfPresent(() -> support.engine.removeSecret(id)));

    EngineObject listed = single(support.engine.listSecrets(support.labels()));
    assertEquals(id, listed.id());
    assertEquals(support.name("secret"), listed.name());
    assertEquals(spec.path("Labels"), listed.spec().path("Labels"));

    // only labels may change on a secret
    ObjectNode relabelled = spec.deepCopy();
    ((ObjectNode) relabelled.path("Labels")).put("step", "2");
    support.engine.updateSecret(id, listed.version(), relabelled);
    assertEquals(
        "2",
        single(support.engine.listSecrets(support.labels()))
            .spec()
            .path("Labels")
            .path("step")
            .asText());

    support.engine.removeSecret(id);
    assertEquals(List.of(), support.engine.listSecrets(support.labels()));
  }

  @Test
  void configsKeepTheirTemplatingAndAreListedByLabel() {
    ObjectNode spec = fileSpec(support.name("config"));
    spec.putObject("Templating").put("Name", "golang");
    String id = support.engine.createConfig(spec);
    support.onClose(() -> EngineTestSupport.removeIfPresent(() -> support.engine.removeConfig(id)));

    EngineObject listed = single(support.engine.listConfigs(support.labels()));
    assertEquals(id, listed.id());
    assertEquals(spec, listed.spec());

    ObjectNode relabelled = spec.deepCopy();
    ((ObjectNode) relabelled.path("Labels")).put("step", "2");
    support.engine.updateConfig(id, listed.version(), relabelled);
    assertEquals(
        "2",
        single(support.engine.listConfigs(support.labels()))
            .spec()
            .path("Labels")
            .path("step")
            .asText());

    support.engine.removeConfig(id);
    assertEquals(List.of(), support.engine.listConfigs(support.labels()));
  }

  @Test
  void anOverlayNetworkKeepsItsOptionsIpamAndLabels() {
    String name = support.name("overlay");
    // a subnet from a range other tests and the default pools don't use, random to keep parallel
    // runs apart
    String subnet = "10.23" + ThreadLocalRandom.current().nextInt(10) + "."
        + ThreadLocalRandom.current().nextInt(256);
    ObjectNode request = json(
        """
        {"Name": "%s", "Driver": "overlay", "Attachable": true, "Internal": true, "Labels": {"%s": "%s", "n": "1"},
         "Options": {"com.docker.network.driver.mtu": "1400"},
         "IPAM": {"Driver": "default", "Config": [{"Subnet": "%s.0/24", "Gateway": "%s.1", "IPRange": "%s.128/25"}]}}
        """.formatted(name, EngineTestSupport.RUN_LABEL, support.runId, subnet, subnet, subnet));
    String id = support.engine.createNetwork(request);
    support.removeNetworkOnClose(id);

    ObjectNode inspected = support.allocatedNetwork(name);
    assertEquals(id, inspected.path("Id").asText());
    assertEquals("swarm", inspected.path("Scope").asText());
    assertEquals("overlay", inspected.path("Driver").asText());
    assertTrue(
        inspected.path("Attachable").asBoolean() && inspected.path("Internal").asBoolean(),
        inspected.toString());
    assertEquals(request.path("Labels"), inspected.path("Labels"));
    assertEquals(
        "1400", inspected.path("Options").path("com.docker.network.driver.mtu").asText());
    assertEquals(request.path("IPAM").path("Config"), inspected.path("IPAM").path("Config"));
    assertEquals(id, single(support.engine.listNetworks(support.labels())).id());

    support.engine.removeNetwork(id);
    assertEquals(Optional.empty(), support.engine.inspectNetwork(id));
  }

  /** A swarm-wide macvlan network takes its parent and subnet from a node-local config-only network. */
  @Test
  void aSwarmMacvlanNetworkUsesAConfigOnlyNetwork() {
    String parent = support.runId + "p";
    EngineTestSupport.run(
        "ip", "link", "add", parent, "type", "veth", "peer", "name", support.runId + "q");
    support.onClose(() -> EngineTestSupport.run("ip", "link", "del", parent));
    EngineTestSupport.run("ip", "link", "set", parent, "up");

    String configName = support.name("mvconf");
    String subnet = "192.168." + (200 + ThreadLocalRandom.current().nextInt(50)) + ".0/24";
    String configId = support.engine.createNetwork(json("""
        {"Name": "%s", "ConfigOnly": true, "Options": {"parent": "%s"}, "IPAM": {"Config": [{"Subnet": "%s"}]}}
        """.formatted(configName, parent, subnet)));
    support.removeNetworkOnClose(configId);

    String name = support.name("macvlan");
    String id = support.engine.createNetwork(json("""
        {"Name": "%s", "Driver": "macvlan", "Scope": "swarm", "ConfigFrom": {"Network": "%s"}}
        """.formatted(name, configName)));
    support.removeNetworkOnClose(id);

    ObjectNode config = support.engine.inspectNetwork(configId).orElseThrow().spec();
    assertTrue(config.path("ConfigOnly").asBoolean(), config.toString());
    assertEquals(parent, config.path("Options").path("parent").asText());
    ObjectNode network = support.allocatedNetwork(id);
    assertEquals("swarm", network.path("Scope").asText());
    assertEquals("macvlan", network.path("Driver").asText());
    assertEquals(configName, network.path("ConfigFrom").path("Network").asText());
  }

  private static ObjectNode fileSpec(String name) {
    return json("""
        {"Name": "%s", "Labels": {"%s": "%s"}, "Data": "aGVsbG8="}
        """.formatted(name, EngineTestSupport.RUN_LABEL, support.runId));
  }

  private static EngineObject single(List<EngineObject> objects) {
    assertEquals(1, objects.size(), objects.toString());
    return objects.get(0);
  }
}
