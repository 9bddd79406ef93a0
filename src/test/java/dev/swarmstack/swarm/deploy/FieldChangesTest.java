package dev.swarmstack.swarm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.deploy.DeployPlan.ServiceWrite;
import dev.swarmstack.swarm.engine.EngineObject;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How an update's changed fields read in the plan. */
class FieldChangesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void namesKnownFieldsAndShowsBothValues() throws Exception {
    ObjectNode deployed = spec("""
        {"Name":"app_api","Labels":{"com.docker.stack.image":"local/app:1.2"},
         "Mode":{"Replicated":{"Replicas":2}},
         "TaskTemplate":{"ContainerSpec":{"Image":"local/app:1.2","Args":["serve"]}}}""");
    ObjectNode declared = spec("""
        {"Name":"app_api","Labels":{"com.docker.stack.image":"local/app:1.2"},
         "Mode":{"Replicated":{"Replicas":3}},
         "TaskTemplate":{"ContainerSpec":{"Image":"local/app:1.3","Args":["serve"],"User":"app"}}}""");

    assertEquals(List.of("replicas 2 -> 3", "image local/app:1.2 -> local/app:1.3",
        "/TaskTemplate/ContainerSpec/User (unset) -> app"), changes(declared, deployed));
  }

  @Test
  void longValuesAreShortened() throws Exception {
    ObjectNode deployed = spec("{\"Name\":\"app_api\",\"TaskTemplate\":{\"ContainerSpec\":{\"Image\":\"a\"}}}");
    ObjectNode declared = deployed.deepCopy();
    ((ObjectNode) declared.path("TaskTemplate").path("ContainerSpec")).put("Image", "x".repeat(100));

    assertEquals(List.of("image a -> " + "x".repeat(77) + "..."), changes(declared, deployed));
  }

  private static List<String> changes(ObjectNode declared, ObjectNode deployed) {
    DeployPlan plan = new DeployPlan("app");
    plan.serviceWrites.add(new ServiceWrite("app_api", declared,
        new EngineObject("id1", "app_api", 5, deployed, deployed), Optional.empty()));
    return FieldChanges.of(plan, "app_api"); // in the order of the changed paths
  }

  private static ObjectNode spec(String json) throws Exception {
    return (ObjectNode) JSON.readTree(json);
  }
}
