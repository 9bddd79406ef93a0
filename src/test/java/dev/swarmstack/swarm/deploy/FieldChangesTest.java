package dev.swarmstack.swarm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldChangesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String STORED = """
      {"Name":"app_api","Labels":{"com.docker.stack.namespace":"app"},
       "TaskTemplate":{"ContainerSpec":{"Image":"reg/api:1.2","Env":["DB_PASSWORD=hunter2","MODE=a"]},
                       "Resources":{"Limits":{"MemoryBytes":268435456}}},
       "Mode":{"Replicated":{"Replicas":2}},
       "EndpointSpec":{"Ports":[{"TargetPort":80,"PublishedPort":8080}]}}""";

  @Test
  void commonFieldsHaveTheirComposeNames() throws IOException {
    ObjectNode desired = json(STORED);
    desired.withObjectProperty("Mode").withObjectProperty("Replicated").put("Replicas", 3);
    desired
        .withObjectProperty("TaskTemplate")
        .withObjectProperty("ContainerSpec")
        .put("Image", "reg/api:1.3");
    desired
        .withObjectProperty("TaskTemplate")
        .withObjectProperty("Resources")
        .withObjectProperty("Limits")
        .put("MemoryBytes", 536870912L);

    assertEquals(
        List.of(
            "replicas 2 -> 3",
            "image reg/api:1.2 -> reg/api:1.3",
            "resources.limits.memory 256MiB -> 512MiB"),
        FieldChanges.of(desired, json(STORED)));
  }

  @Test
  void environmentValuesAreNeverShown() throws IOException {
    ObjectNode desired = json(STORED);
    desired
        .withObjectProperty("TaskTemplate")
        .withObjectProperty("ContainerSpec")
        .putArray("Env")
        .add("DB_PASSWORD=s3cret")
        .add("DEBUG=1");

    List<String> changes = FieldChanges.of(desired, json(STORED));

    assertEquals(List.of("environment changed: DB_PASSWORD; added: DEBUG; removed: MODE"), changes);
    assertFalse(changes.toString().contains("s3cret") || changes.toString().contains("hunter2"));
  }

  @Test
  void portsReadLikeComposeShortSyntax() throws IOException {
    ObjectNode desired = json(STORED);
    desired
        .withObjectProperty("EndpointSpec")
        .putArray("Ports")
        .addObject()
        .put("TargetPort", 80)
        .put("PublishedPort", 8081)
        .put("PublishMode", "host");

    assertEquals(
        List.of("ports [8080:80/tcp] -> [8081:80/tcp (host)]"),
        FieldChanges.of(desired, json(STORED)));
  }

  @Test
  void otherFieldsAreNamedByTheirPath() throws IOException {
    ObjectNode desired = json(STORED);
    desired
        .withObjectProperty("TaskTemplate")
        .withObjectProperty("ContainerSpec")
        .put("TTY", true);

    assertEquals(
        List.of("/TaskTemplate/ContainerSpec/TTY (unset) -> true"),
        FieldChanges.of(desired, json(STORED)));
  }

  @Test
  void longValuesAreShortened() throws IOException {
    ObjectNode desired = json(STORED);
    desired
        .withObjectProperty("TaskTemplate")
        .withObjectProperty("ContainerSpec")
        .put("Image", "x".repeat(100));

    assertEquals(
        List.of("image reg/api:1.2 -> " + "x".repeat(77) + "..."),
        FieldChanges.of(desired, json(STORED)));
  }

  @Test
  void anUnchangedSpecHasNoChanges() throws IOException {
    assertEquals(List.of(), FieldChanges.of(json(STORED), json(STORED)));
  }

  private static ObjectNode json(String text) throws IOException {
    return (ObjectNode) JSON.readTree(text);
  }
}
