package dev.swarmstack.swarm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.deploy.RolloutReport.Outcome;
import dev.swarmstack.swarm.history.Recording;
import dev.swarmstack.swarm.network.SharedNetwork;
import dev.swarmstack.swarm.network.SharedNetworks;
import dev.swarmstack.swarm.problem.Origin;
import dev.swarmstack.swarm.problem.StackException;
import dev.swarmstack.swarm.testing.Cli;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Shared networks on the real engine. Subnets are random so that tests running side by side don't overlap; macvlan
 * and ipvlan get one end of a veth pair of their own as parent (this kernel has no dummy or VLAN interfaces).
 */
class SharedNetworksIT extends EngineTestBase {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Cli COMMANDS = Cli.commands();
  private static final DeployOptions OPTIONS =
      new DeployOptions(true, ResolveImage.NEVER, host -> Optional.empty(), Duration.ofMinutes(1));
  private static final ConvergeOptions WAIT =
      new ConvergeOptions(false, Duration.ofSeconds(90), false, 5);

  private String name;
  private int octet;

  @BeforeEach
  void names() {
    name = "sn" + namespace;
    octet = ThreadLocalRandom.current().nextInt(100, 250);
    // after the stack (removed first, by the base class): then nothing is attached any more
    cleanups.add(() -> {
      DOCKER.run("service", "rm", name + "-svc");
      removeNetworkWhenFree(name);
      removeNetworkWhenFree(name + "-config");
    });
  }

  @Test
  void anOverlayIsCreatedOnceThenDriftIsNamedAndRecreatedOnlyWhenNothingIsAttached()
      throws Exception {
    String subnet = "172.29." + octet + ".0/24";
    SharedNetwork declared = network(
        "overlay",
        Map.of("encrypted", "", "com.docker.network.driver.mtu", "1400"),
        false,
        new SharedNetwork.Pool(subnet, null, "172.29." + octet + ".254", null));

    shared().create(List.of(declared), false);

    JsonNode created = inspect(name);
    assertEquals("swarm", created.path("Scope").asText());
    assertTrue(created.path("Attachable").asBoolean());
    assertEquals(
        "1400", created.path("Options").path("com.docker.network.driver.mtu").asText());
    assertTrue(created.path("Options").has("encrypted"));
    assertEquals(
        "172.29." + octet + ".254",
        created.path("IPAM").path("Config").path(0).path("Gateway").asText());
    assertEquals(
        "true", created.path("Labels").path("dev.swarmstack.shared-network").asText());
    assertEquals("shop", created.path("Labels").path("team").asText());

    engine.reset();
    shared().create(List.of(declared), false);
    assertEquals(List.of(), engine.writes(), "a second run changes nothing");
    assertTrue(log.contains("INFO Network " + name + " is up to date"), log.toString());

    String newSubnet = "172.30." + octet + ".0/24";
    SharedNetwork changed = network(
        "overlay",
        Map.of("encrypted", ""),
        true,
        new SharedNetwork.Pool(newSubnet, null, null, null));
    String drift = assertThrows(
            StackException.class, () -> shared().create(List.of(changed), false))
        .getMessage();
    assertTrue(
        drift.contains(
            "network " + name + " differs from its declaration: options (declared none, found"
                + " {com.docker.network.driver.mtu=1400}), subnet (declared [" + newSubnet
                + "], found [" + subnet + "]),"
                + " internal (declared true, found false)"),
        drift);
    assertTrue(drift.contains("run with --networks-recreate=true"), drift);

    DOCKER.ok(
        "service",
        "create",
        "-d",
        "--name",
        name + "-svc",
        "--network",
        name,
        TestStack.IMAGE,
        "sleep",
        "3600");
    engine.reset();
    String refusal = assertThrows(
            StackException.class, () -> shared().create(List.of(changed), true))
        .getMessage();
    assertTrue(
        refusal.contains(
            "network " + name + " can't be recreated while in use by service " + name + "-svc"),
        refusal);
    assertEquals(List.of(), engine.writes());

    DOCKER.ok("service", "rm", name + "-svc");
    awaitNoContainers(name + "-svc");
    shared().create(List.of(changed), true);
    String oldId = created.path("Id").asText();
    List<String> recreatedIds =
        idsNamed(name).stream().filter(id -> !id.equals(oldId)).toList();
    assertEquals(1, recreatedIds.size(), "one new network: " + recreatedIds);
    JsonNode recreated = inspect(recreatedIds.get(0));
    assertTrue(recreated.path("Internal").asBoolean());
    assertEquals(
        newSubnet, recreated.path("IPAM").path("Config").path(0).path("Subnet").asText());

    shared().remove(List.of(changed));
    assertFalse(DOCKER.run("network", "inspect", recreatedIds.get(0)).exitCode() == 0, "removed");
  }

  @Test
  void aBridgeIsLocalAndKeepsWhatComposeCantExpress() throws Exception {
    String prefix = "172.31." + octet + ".";
    SharedNetwork bridge = new SharedNetwork(
        name,
        "bridge",
        null,
        false,
        false,
        true,
        null,
        null,
        List.of(
            new SharedNetwork.Pool(
                prefix + "0/24",
                prefix + "64/26",
                prefix + "1",
                new TreeMap<>(Map.of("printer", prefix + "70"))),
            new SharedNetwork.Pool(
                "fd00:" + Integer.toHexString(octet) + "::/64", null, null, null)),
        Origin.pom("<sharedNetworks>"));

    shared().create(List.of(bridge), false);

    JsonNode created = inspect(name);
    assertEquals("local", created.path("Scope").asText());
    assertTrue(created.path("EnableIPv6").asBoolean());
    JsonNode pool = created.path("IPAM").path("Config").path(0);
    assertEquals(prefix + "64/26", pool.path("IPRange").asText());
    assertEquals(prefix + "70", pool.path("AuxiliaryAddresses").path("printer").asText());
    engine.reset();
    shared().create(List.of(bridge), false);
    assertEquals(List.of(), engine.writes(), "what the engine added to a bridge is no drift");

    shared().remove(List.of(bridge));
    assertFalse(DOCKER.run("network", "inspect", name).exitCode() == 0, "removed");
  }

  @Test
  void aNetworkSwarmNetworksDidNotCreateIsNeitherChangedNorRemoved() {
    DOCKER.ok("network", "create", "--driver", "overlay", name);
    SharedNetwork declared = network("overlay", Map.of(), false);

    String refusal = assertThrows(
            StackException.class, () -> shared().create(List.of(declared), true))
        .getMessage();
    assertTrue(
        refusal.contains(
            "network " + name + " already exists, but the networks command did not create it"),
        refusal);
    shared().remove(List.of(declared));

    assertTrue(
        log.stream().anyMatch(line -> line.startsWith("WARN Network " + name + " left as it is")),
        log.toString());
    assertEquals(0, DOCKER.run("network", "inspect", name).exitCode(), "still there");
  }

  @Test
  void aMacvlanServiceTaskGetsAnAddressOnTheSubnet() throws Exception {
    String parent = veth();
    String prefix = "192.168." + octet + ".";
    SharedNetwork macvlan = network(
        "macvlan",
        Map.of("parent", parent, "macvlan_mode", "bridge"),
        false,
        new SharedNetwork.Pool(prefix + "0/24", prefix + "128/25", prefix + "1", null));

    shared().create(List.of(macvlan), false);

    JsonNode config = inspect(name + "-config");
    assertTrue(config.path("ConfigOnly").asBoolean());
    assertEquals(parent, config.path("Options").path("parent").asText());
    JsonNode swarm = inspect(name);
    assertEquals("swarm", swarm.path("Scope").asText());
    assertEquals(name + "-config", swarm.path("ConfigFrom").path("Network").asText());
    engine.reset();
    shared().create(List.of(macvlan), false);
    assertEquals(List.of(), engine.writes(), "a second run changes nothing");

    new StackRollout(engine, deployLog)
        .deploy(namespace, stackOn(name).converted(), OPTIONS, WAIT, Recording.off());

    List<String> addresses = appAddresses();
    assertEquals(1, addresses.size(), addresses.toString());
    // from the declared IP range, the upper half of the subnet
    String address = addresses.get(0);
    assertTrue(
        address.startsWith(prefix) && Integer.parseInt(address.substring(prefix.length())) >= 128,
        address);

    removeStack(namespace);
    shared().remove(List.of(macvlan));
    assertFalse(DOCKER.run("network", "inspect", name).exitCode() == 0, "swarm network removed");
    assertFalse(
        DOCKER.run("network", "inspect", name + "-config").exitCode() == 0,
        "config-only network removed");
  }

  /** Where the kernel has ipvlan the task runs on the network; where it lacks it, the deploy fails with a hint. */
  @Test
  void anIpvlanNetworkIsCreatedAndTheDeployRunsOnItOrFailsWithAHintWhereTheKernelLacksIpvlan()
      throws Exception {
    String parent = veth();
    String prefix = "192.168." + octet + ".";
    SharedNetwork ipvlan = network(
        "ipvlan",
        Map.of("parent", parent, "ipvlan_mode", "l2"),
        false,
        new SharedNetwork.Pool(prefix + "0/24", null, null, null));
    shared().create(List.of(ipvlan), false);
    StackRollout rollout = new StackRollout(engine, deployLog);

    if (kernelHasIpvlan()) {
      assertEquals(
          Outcome.CONVERGED,
          rollout
              .deploy(namespace, stackOn(name).converted(), OPTIONS, WAIT, Recording.off())
              .outcome());
      List<String> addresses = appAddresses();
      assertEquals(1, addresses.size(), addresses.toString());
      assertTrue(addresses.get(0).startsWith(prefix), addresses.get(0));
    } else {
      DeployFailedException failure = assertThrows(
          DeployFailedException.class,
          () ->
              rollout.deploy(namespace, stackOn(name).converted(), OPTIONS, WAIT, Recording.off()));
      String message = failure.getMessage();
      assertTrue(
          message.contains("failed to create the ipvlan port: operation not supported"), message);
      assertTrue(
          message.contains(
              "hint:  that node can't put containers on the ipvlan network: its kernel lacks ipvlan"),
          message);
    }
  }

  /**
   * Whether this kernel can make an ipvlan link (not every kernel has the module): tried on a veth pair in a network
   * namespace of the test's own, which goes with everything in it.
   */
  private boolean kernelHasIpvlan() {
    String probe = "ipvprobe" + namespace.substring(4);
    COMMANDS.ok("ip", "netns", "add", probe);
    try {
      COMMANDS.ok(
          "ip", "-n", probe, "link", "add", "probe0", "type", "veth", "peer", "name", "probe1");
      return COMMANDS
              .run(
                  "ip", "-n", probe, "link", "add", "ipv0", "link", "probe0", "type", "ipvlan",
                  "mode", "l2")
              .exitCode()
          == 0;
    } finally {
      COMMANDS.ok("ip", "netns", "del", probe);
    }
  }

  /**
   * The addresses of the app's running tasks on the shared network. The swarm assigns none on a config-from network
   * (the task's attachment has none): the node's own IPAM does, as the container shows.
   */
  private List<String> appAddresses() throws Exception {
    List<String> addresses = new java.util.ArrayList<>();
    for (ObjectNode task : engine.listTasks(
        Map.of("service", List.of(namespace + "_app"), "desired-state", List.of("running")))) {
      String container =
          task.path("Status").path("ContainerStatus").path("ContainerID").asText();
      JsonNode networks = JSON.readTree(DOCKER.ok("inspect", container))
          .path(0)
          .path("NetworkSettings")
          .path("Networks");
      addresses.add(networks.path(name).path("IPAddress").asText());
    }
    return addresses;
  }

  /** {@code docker service rm} returns before the task's container is gone, and that container is attached. */
  private static void awaitNoContainers(String service) {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
    while (!DOCKER
            .ok("ps", "-aq", "--filter", "label=com.docker.swarm.service.name=" + service)
            .isBlank()
        && Instant.now().isBefore(deadline)) {
      sleep(Duration.ofMillis(200));
    }
  }

  private SharedNetworks shared() {
    return new SharedNetworks(engine, deployLog, Duration.ofSeconds(60));
  }

  private SharedNetwork network(
      String driver, Map<String, String> options, boolean internal, SharedNetwork.Pool... pools) {
    return new SharedNetwork(
        name,
        driver,
        new TreeMap<>(options),
        true,
        internal,
        false,
        new TreeMap<>(Map.of("team", "shop")),
        null,
        List.of(pools),
        Origin.pom("<sharedNetworks>"));
  }

  /** One service on the shared network, which the stack uses as external. */
  private TestStack stackOn(String network) {
    TestStack stack = new TestStack(namespace);
    stack.externalNetworks.add(network);
    ObjectNode app = stack.service("app", TestStack.IMAGE, "unused");
    ((ObjectNode) app.path("TaskTemplate").path("Networks").path(0)).put("Target", network);
    app.putObject("UpdateConfig").put("Parallelism", 1).put("Monitor", 1_000_000_000L);
    return stack;
  }

  /** A veth pair of this test's own, up; removed after the test (the pair goes with either end). */
  private String veth() {
    String end = "v" + namespace.substring(4);
    COMMANDS.ok("ip", "link", "add", end + "a", "type", "veth", "peer", "name", end + "b");
    cleanups.add(() -> COMMANDS.run("ip", "link", "del", end + "a"));
    COMMANDS.ok("ip", "link", "set", end + "a", "up");
    COMMANDS.ok("ip", "link", "set", end + "b", "up");
    return end + "a";
  }

  private static JsonNode inspect(String network) throws Exception {
    return JSON.readTree(DOCKER.ok("network", "inspect", network)).path(0);
  }

  /**
   * The ids of the networks of that exact name. Right after a network is removed and created anew, the node may list
   * its old copy for a while beside the new one (the agent rebuilds it from node attachments the manager has yet to
   * update), and then the name is ambiguous.
   */
  private static List<String> idsNamed(String network) {
    return DOCKER
        .ok(
            "network",
            "ls",
            "--no-trunc",
            "--filter",
            "name=" + network,
            "--format",
            "{{.ID}} {{.Name}}")
        .lines()
        .filter(line -> line.endsWith(" " + network))
        .map(line -> line.substring(0, line.indexOf(' ')))
        .toList();
  }

  /** A network can stay in use for a few seconds after its last task; only this test's networks are removed. */
  private static void removeNetworkWhenFree(String network) {
    List<String> ids = idsNamed(network);
    for (int attempt = 0; attempt < 20 && !ids.isEmpty(); attempt++) {
      ids.forEach(id -> DOCKER.run("network", "rm", id));
      ids = idsNamed(network);
      if (!ids.isEmpty()) {
        try {
          Thread.sleep(500);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
