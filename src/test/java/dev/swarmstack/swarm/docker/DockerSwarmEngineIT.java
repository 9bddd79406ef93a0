package dev.swarmstack.swarm.docker;

import static dev.swarmstack.swarm.docker.EngineTestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.engine.EngineException;
import dev.swarmstack.swarm.engine.EngineInfo;
import dev.swarmstack.swarm.engine.EngineObject;
import dev.swarmstack.swarm.problem.UserTerms;
import dev.swarmstack.swarm.testing.FreePorts;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Services through the real engine: what we send is what the engine stores, field for field. */
class DockerSwarmEngineIT {

  private static EngineTestSupport support;

  /**
   * Fields the engine fills in when the spec doesn't set them. Only these are removed from an inspected spec
   * before comparing it with the spec that was sent.
   */
  private static final Map<String, JsonNode> ENGINE_DEFAULTS = Map.of(
      "/Labels", json("{}"),
      "/TaskTemplate/Runtime", json("{\"v\":\"container\"}").get("v"),
      "/TaskTemplate/ForceUpdate", json("{\"v\":0}").get("v"),
      "/TaskTemplate/ContainerSpec/Isolation", json("{\"v\":\"default\"}").get("v"),
      "/TaskTemplate/RestartPolicy/MaxAttempts", json("{\"v\":0}").get("v"));

  /** Fields newer than API 1.41 that an older engine drops without a word: pointer -> first API that stores them. */
  private static final Map<String, String> NEWER_FIELDS = Map.of(
      "/TaskTemplate/ContainerSpec/Healthcheck/StartInterval", "1.44",
      "/TaskTemplate/ContainerSpec/OomScoreAdj", "1.46");

  /** Fields the CLI sends that swarm services never store (swarmkit's mount has no consistency). */
  private static final List<String> NEVER_STORED =
      List.of("/TaskTemplate/ContainerSpec/Mounts/2/Consistency");

  @BeforeAll
  static void connect() {
    support = new EngineTestSupport();
  }

  @AfterAll
  static void cleanUp() {
    support.close();
  }

  @Test
  void theEngineIsASwarmManager() {
    EngineInfo info = support.engine.info();
    info.requireManager(support.engine.address(), UserTerms.NEUTRAL);
    assertTrue(
        ApiVersion.parse(info.apiVersion()).compareTo(EngineHttp.MIN_API) >= 0, info.apiVersion());
  }

  @Test
  void aServiceWithEveryFieldTheCliCanSetIsStoredAsSent() throws Exception {
    ObjectNode spec = fullSpec(support.name("full"));
    String id = createService(spec);

    ObjectNode stored = support.engine.inspectService(id).orElseThrow().spec();
    ObjectNode expected = spec.deepCopy();
    ApiVersion api = ApiVersion.parse(support.engine.info().apiVersion());
    NEWER_FIELDS.forEach((pointer, since) -> {
      if (api.compareTo(ApiVersion.parse(since)) < 0) {
        System.out.println("engine API " + api + " does not store " + pointer + " (API " + since
            + "+): not compared");
        remove(expected, pointer);
      }
    });
    NEVER_STORED.forEach(pointer -> remove(expected, pointer));
    assertEquals(pretty(expected), pretty(withoutEngineDefaults(spec, stored)));
  }

  @Test
  void aReplicatedJobIsStoredAsSent() throws Exception {
    ObjectNode spec =
        json("""
        {"Name": "%s", "Labels": {"%s": "%s"},
         "TaskTemplate": {"ContainerSpec": {"Image": "local/busybox:1", "Command": ["true"]}, "RestartPolicy": {"Condition": "none"}},
         "Mode": {"ReplicatedJob": {"MaxConcurrent": 1, "TotalCompletions": 2}}}
        """.formatted(support.name("job"), EngineTestSupport.RUN_LABEL, support.runId));
    String id = createService(spec);
    assertEquals(
        pretty(spec),
        pretty(withoutEngineDefaults(
            spec, support.engine.inspectService(id).orElseThrow().spec())));
  }

  @Test
  void listingServicesWorksWhileAServiceHasGroups() {
    // docker-java's model can't read Groups (a list, modelled as a string) and fails the whole
    // listing
    ObjectNode spec = simpleSpec(support.name("groups"));
    ((ObjectNode) spec.path("TaskTemplate").path("ContainerSpec"))
        .putArray("Groups")
        .add("10")
        .add("20");
    String id = createService(spec);

    List<EngineObject> all = support.engine.listServices(Map.of());
    EngineObject listed =
        all.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    assertEquals(
        "[\"10\",\"20\"]",
        listed.spec().path("TaskTemplate").path("ContainerSpec").path("Groups").toString());

    List<EngineObject> ours = support.engine.listServices(support.labels());
    assertTrue(ours.stream().allMatch(s -> s.name().startsWith(support.runId)), ours.toString());
    assertTrue(ours.stream().anyMatch(s -> s.id().equals(id)));
  }

  @Test
  void updatesNeedTheCurrentVersionAndAStaleOneIsOutOfSequence() {
    String name = support.name("update");
    ObjectNode spec = simpleSpec(name);
    String id = createService(spec);
    EngineObject created = support.engine.inspectService(id).orElseThrow();

    ObjectNode changed = spec.deepCopy();
    ((ObjectNode) changed.path("Labels")).put("step", "2");
    support.engine.updateService(id, created.version(), changed, Optional.empty());
    EngineObject updated = support.engine.inspectService(id).orElseThrow();
    assertEquals("2", updated.spec().path("Labels").path("step").asText());
    assertTrue(updated.version() > created.version());

    EngineException stale = assertThrows(
        EngineException.class,
        () -> support.engine.updateService(id, created.version(), spec, Optional.empty()));
    assertTrue(stale.isOutOfSequence(), stale.getMessage());
    assertTrue(
        stale.getMessage().startsWith("updating service " + name + ": "), stale.getMessage());
  }

  @Test
  void engineErrorsSayWhatWasBeingDoneAndWhatTheEngineSaid() {
    ObjectNode spec = simpleSpec(support.name("bad"));
    ((ObjectNode) spec.path("TaskTemplate").path("Resources"))
        .putObject("Limits")
        .put("MemoryBytes", 1024);
    EngineException e = assertThrows(EngineException.class, () -> createService(spec));
    assertEquals(400, e.status());
    assertTrue(
        e.getMessage().startsWith("creating service " + support.name("bad") + ": "),
        e.getMessage());
    assertTrue(e.getMessage().contains("Must be at least 4MiB"), e.getMessage());
  }

  @Test
  void aMissingServiceIsEmpty() {
    assertEquals(Optional.empty(), support.engine.inspectService(support.name("absent")));
  }

  private static String createService(ObjectNode spec) {
    String id = support.engine.createService(spec, Optional.empty());
    support.onClose(
        () -> EngineTestSupport.removeIfPresent(() -> support.engine.removeService(id)));
    return id;
  }

  private static ObjectNode simpleSpec(String name) {
    return json("""
        {"Name": "%s", "Labels": {"%s": "%s"},
         "TaskTemplate": {"ContainerSpec": {"Image": "local/busybox:1", "Command": ["sleep", "3600"]}, "Resources": {}},
         "Mode": {"Replicated": {"Replicas": 0}}}
        """.formatted(name, EngineTestSupport.RUN_LABEL, support.runId));
  }

  /**
   * Every ServiceSpec field the CLI and compose can set. No zero values: the engine omits them when it answers
   * (a {@code Delay: 0} sent comes back absent), which would be a difference without a change. Zero replicas:
   * the point is the stored spec, not running tasks (the GPU reservation could never be scheduled anyway).
   */
  private static ObjectNode fullSpec(String name) {
    return json("""
        {"Name": "%s", "Labels": {"%s": "%s", "com.docker.stack.namespace": "%s"},
         "TaskTemplate": {
           "ContainerSpec": {
             "Image": "local/busybox:1", "Labels": {"c": "1"}, "Command": ["sleep"], "Args": ["3600"],
             "Hostname": "h-{{.Task.Slot}}", "Env": ["A=1", "B="], "Dir": "/tmp", "User": "0", "Groups": ["10", "20"],
             "TTY": true, "OpenStdin": true, "ReadOnly": true, "Init": true, "Isolation": "default",
             "Mounts": [
               {"Type": "tmpfs", "Target": "/scratch", "TmpfsOptions": {"SizeBytes": 1048576, "Mode": 1023}},
               {"Type": "volume", "Source": "%s-data", "Target": "/data", "ReadOnly": true,
                "VolumeOptions": {"NoCopy": true, "Labels": {"v": "1"}, "DriverConfig": {"Name": "local", "Options": {"type": "tmpfs", "device": "tmpfs"}}}},
               {"Type": "bind", "Source": "/tmp", "Target": "/host-tmp", "Consistency": "cached", "BindOptions": {"Propagation": "rprivate"}}],
             "StopSignal": "SIGTERM", "StopGracePeriod": 5000000000,
             "Healthcheck": {"Test": ["CMD", "true"], "Interval": 10000000000, "Timeout": 2000000000, "Retries": 3,
               "StartPeriod": 1000000000, "StartInterval": 1000000000},
             "Hosts": ["10.0.0.1 foo"],
             "DNSConfig": {"Nameservers": ["8.8.8.8"], "Search": ["example.com"], "Options": ["ndots:2"]},
             "Sysctls": {"net.ipv4.ip_forward": "1"},
             "CapabilityAdd": ["CAP_NET_ADMIN"], "CapabilityDrop": ["CAP_MKNOD"],
             "Ulimits": [{"Name": "nofile", "Soft": 1024, "Hard": 2048}],
             "OomScoreAdj": 100},
           "Resources": {
             "Limits": {"NanoCPUs": 500000000, "MemoryBytes": 67108864, "Pids": 100},
             "Reservations": {"NanoCPUs": 100000000, "MemoryBytes": 8388608,
               "GenericResources": [{"DiscreteResourceSpec": {"Kind": "gpu", "Value": 1}}, {"NamedResourceSpec": {"Kind": "fpga", "Value": "f1"}}]}},
           "RestartPolicy": {"Condition": "on-failure", "Delay": 1000000000, "MaxAttempts": 3, "Window": 10000000000},
           "Placement": {"Constraints": ["node.role==manager"], "Preferences": [{"Spread": {"SpreadDescriptor": "node.labels.zone"}}],
             "MaxReplicas": 2},
           "LogDriver": {"Name": "json-file", "Options": {"max-size": "1m"}},
           "ForceUpdate": 1},
         "Mode": {"Replicated": {"Replicas": 0}},
         "UpdateConfig": {"Parallelism": 2, "Delay": 1000000000, "FailureAction": "rollback", "Monitor": 5000000000,
           "MaxFailureRatio": 0.1, "Order": "start-first"},
         "RollbackConfig": {"Parallelism": 1, "Delay": 2000000000, "FailureAction": "pause", "Monitor": 5000000000,
           "MaxFailureRatio": 0.2, "Order": "stop-first"},
         "EndpointSpec": {"Mode": "dnsrr", "Ports": [{"Name": "web", "Protocol": "udp", "TargetPort": 80, "PublishedPort": %d, "PublishMode": "host"}]}}
        """.formatted(
        name, EngineTestSupport.RUN_LABEL, support.runId, support.runId, name, FreePorts.one()));
  }

  /** {@code stored} without the {@link #ENGINE_DEFAULTS} that {@code sent} did not set. */
  static ObjectNode withoutEngineDefaults(ObjectNode sent, ObjectNode stored) {
    ObjectNode result = stored.deepCopy();
    ENGINE_DEFAULTS.forEach((pointer, value) -> {
      if (sent.at(pointer).isMissingNode() && value.equals(result.at(pointer))) {
        remove(result, pointer);
      }
    });
    return result;
  }

  private static void remove(ObjectNode root, String pointer) {
    int slash = pointer.lastIndexOf('/');
    JsonNode parent = slash == 0 ? root : root.at(pointer.substring(0, slash));
    if (parent instanceof ObjectNode object) {
      object.remove(pointer.substring(slash + 1));
    }
  }

  private static String pretty(JsonNode node) throws Exception {
    // sorted keys: the engine answers in its own field order
    return EngineTestSupport.JSON
        .copy()
        .configure(
            com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
        .writerWithDefaultPrettyPrinter()
        .writeValueAsString(EngineTestSupport.JSON.treeToValue(node, Object.class));
  }
}
