package dev.swarmstack.swarm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.convert.ConvertedStack;
import dev.swarmstack.swarm.stack.DeployLog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NewerApiFieldsTest {

  private final List<String> warnings = new ArrayList<>();
  private final DeployLog log = new DeployLog() {
    @Override
    public void info(String message) {}

    @Override
    public void warn(String message) {
      warnings.add(message);
    }
  };

  private static ConvertedStack stackWithNewFields() {
    TestStack stack = new TestStack("app");
    ObjectNode container = (ObjectNode)
        stack.service("web", TestStack.IMAGE, "back").at("/TaskTemplate/ContainerSpec");
    container.put("OomScoreAdj", 500);
    container.putObject("Healthcheck").put("StartInterval", 2_000_000_000L).put("Retries", 3);
    return stack.converted();
  }

  @Test
  void anOlderEngineGetsNeitherFieldAndTheUserIsTold() {
    ObjectNode sent = NewerApiFields.withoutUnsupported(stackWithNewFields(), "1.41", log)
        .services()
        .get("app_web");

    ObjectNode container = (ObjectNode) sent.at("/TaskTemplate/ContainerSpec");
    assertFalse(container.has("OomScoreAdj"));
    assertEquals("{\"Retries\":3}", container.get("Healthcheck").toString());
    assertEquals(
        List.of(
            "Service app_web: healthcheck.start_interval needs Engine API 1.44; this engine speaks 1.41 and would ignore it, so it is not sent",
            "Service app_web: oom_score_adj needs Engine API 1.46; this engine speaks 1.41 and would ignore it, so it is not sent"),
        warnings);
  }

  @Test
  void aNewEnoughEngineGetsEverything() {
    ConvertedStack stack = stackWithNewFields();
    assertEquals(
        stack.services(), NewerApiFields.withoutUnsupported(stack, "1.46", log).services());
    assertEquals(List.of(), warnings);
  }

  @Test
  void versionsCompareByNumber() {
    assertTrue(NewerApiFields.older("1.9", "1.44"));
    assertFalse(NewerApiFields.older("1.100", "1.44"));
    assertFalse(NewerApiFields.older("2.0", "1.46"));
    assertFalse(NewerApiFields.older(null, "1.46"), "unknown: assume new");
  }
}
