package dev.swarmstack.swarm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecComparisonTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the converter sends for a plain service. */
  private static final String DESIRED = """
      {"Name":"app_web","Labels":{"com.docker.stack.namespace":"app"},
       "TaskTemplate":{"ContainerSpec":{"Image":"busybox:1","Args":["sleep","1"],"Labels":{}},
                       "Resources":{"Limits":{},"Reservations":{}},"Placement":{}},
       "Mode":{"Replicated":{}},"UpdateConfig":{"Parallelism":1},"EndpointSpec":{"Mode":"vip"}}""";

  /** What engine 20.10 returned for it (measured), with a ForceUpdate counter set by someone. */
  private static final String STORED = """
      {"Name":"app_web","Labels":{"com.docker.stack.namespace":"app"},
       "TaskTemplate":{"ContainerSpec":{"Image":"busybox:1","Args":["sleep","1"],"Isolation":"default"},
                       "Resources":{"Limits":{},"Reservations":{}},"Placement":{},"ForceUpdate":3,
                       "Runtime":"container"},
       "Mode":{"Replicated":{"Replicas":1}},
       "UpdateConfig":{"Parallelism":1,"FailureAction":"pause","MaxFailureRatio":0,"Order":"stop-first"},
       "EndpointSpec":{"Mode":"vip"}}""";

  @Test
  void engineDefaultsAreNotChanges() throws IOException {
    assertTrue(SpecComparison.same(json(DESIRED), json(STORED)));
    assertEquals(List.of(), SpecComparison.differences(json(DESIRED), json(STORED)));
  }

  @Test
  void aChangedFieldIsNamedByItsPath() throws IOException {
    ObjectNode desired = json(DESIRED);
    desired
        .withObjectProperty("TaskTemplate")
        .withObjectProperty("ContainerSpec")
        .putArray("Args")
        .add("sleep")
        .add("2");

    assertEquals(
        List.of("/TaskTemplate/ContainerSpec/Args"),
        SpecComparison.differences(desired, json(STORED)));
  }

  /** The engine keeps max_failure_ratio as a float32 (measured: 0.2 reads back as 0.20000000298023224). */
  @Test
  void floatRatiosCompareAtTheEnginesPrecision() throws IOException {
    ObjectNode desired = json(DESIRED);
    desired.withObjectProperty("UpdateConfig").put("MaxFailureRatio", 0.2);
    desired.putObject("RollbackConfig").put("MaxFailureRatio", 0.3);
    ObjectNode stored = json(STORED);
    stored.withObjectProperty("UpdateConfig").put("MaxFailureRatio", 0.20000000298023224);
    stored.putObject("RollbackConfig").put("MaxFailureRatio", 0.30000001192092896);

    assertEquals(List.of(), SpecComparison.differences(desired, stored));
    desired.withObjectProperty("UpdateConfig").put("MaxFailureRatio", 0.25);
    assertEquals(
        List.of("/UpdateConfig/MaxFailureRatio"), SpecComparison.differences(desired, stored));
  }

  /** The CLI sends consistency: cached; engine 20.10 stores no Consistency (measured). */
  @Test
  void aMountsConsistencyIsNotAChange() throws IOException {
    ObjectNode desired = json(DESIRED);
    desired
        .withObjectProperty("TaskTemplate")
        .withObjectProperty("ContainerSpec")
        .putArray("Mounts")
        .addObject()
        .put("Type", "bind")
        .put("Source", "/srv")
        .put("Target", "/srv")
        .put("Consistency", "cached");
    ObjectNode stored = json(STORED);
    stored
        .withObjectProperty("TaskTemplate")
        .withObjectProperty("ContainerSpec")
        .putArray("Mounts")
        .addObject()
        .put("Type", "bind")
        .put("Source", "/srv")
        .put("Target", "/srv");

    assertEquals(List.of(), SpecComparison.differences(desired, stored));
  }

  /** The CLI's order of ports with one published port varies; the engine fills in protocol and publish mode. */
  @Test
  void portsCompareInAnyOrder() throws IOException {
    ObjectNode desired = json(DESIRED);
    desired
        .withObjectProperty("EndpointSpec")
        .putArray("Ports")
        .add(JSON.readTree("{\"TargetPort\":443,\"PublishedPort\":443,\"Protocol\":\"udp\"}"))
        .add(JSON.readTree("{\"TargetPort\":443,\"PublishedPort\":443}"));
    ObjectNode stored = json(STORED);
    stored
        .withObjectProperty("EndpointSpec")
        .putArray("Ports")
        .add(
            JSON.readTree(
                "{\"Protocol\":\"tcp\",\"TargetPort\":443,\"PublishedPort\":443,\"PublishMode\":\"ingress\"}"))
        .add(
            JSON.readTree(
                "{\"Protocol\":\"udp\",\"TargetPort\":443,\"PublishedPort\":443,\"PublishMode\":\"ingress\"}"));

    assertEquals(List.of(), SpecComparison.differences(desired, stored));
  }

  @Test
  void zeroReplicasDifferFromTheDefaultOne() throws IOException {
    ObjectNode desired = json(DESIRED);
    desired.withObjectProperty("Mode").withObjectProperty("Replicated").put("Replicas", 0);

    assertFalse(SpecComparison.same(desired, json(STORED)));
  }

  @Test
  void aFieldNoLongerSetIsAChange() throws IOException {
    ObjectNode stored = json(STORED);
    stored
        .withObjectProperty("TaskTemplate")
        .withObjectProperty("ContainerSpec")
        .putArray("Env")
        .add("A=1");

    assertEquals(
        List.of("/TaskTemplate/ContainerSpec/Env"),
        SpecComparison.differences(json(DESIRED), stored));
  }

  @Test
  void aNonDefaultFailureActionIsAChange() throws IOException {
    ObjectNode stored = json(STORED);
    stored.withObjectProperty("UpdateConfig").put("FailureAction", "rollback");

    assertEquals(
        List.of("/UpdateConfig/FailureAction"), SpecComparison.differences(json(DESIRED), stored));
  }

  @Test
  void numbersCompareByValueWhateverTheirJavaType() throws IOException {
    ObjectNode desired = json(DESIRED);
    desired.withObjectProperty("Mode").withObjectProperty("Replicated").put("Replicas", 1L);

    assertTrue(SpecComparison.same(desired, json(STORED)));
  }

  @Test
  void portsGetTheEngineProtocolAndPublishMode() throws IOException {
    ObjectNode desired = json(DESIRED);
    desired
        .withObjectProperty("EndpointSpec")
        .putArray("Ports")
        .addObject()
        .put("TargetPort", 80)
        .put("PublishedPort", 8080);
    ObjectNode stored = json(STORED);
    stored
        .withObjectProperty("EndpointSpec")
        .putArray("Ports")
        .addObject()
        .put("Protocol", "tcp")
        .put("TargetPort", 80)
        .put("PublishedPort", 8080)
        .put("PublishMode", "ingress");

    assertTrue(SpecComparison.same(desired, stored));
  }

  private static ObjectNode json(String text) throws IOException {
    return (ObjectNode) JSON.readTree(text);
  }
}
