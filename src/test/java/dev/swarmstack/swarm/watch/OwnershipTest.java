package dev.swarmstack.swarm.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.engine.EngineObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which version moves are someone else's change of a service this deploy wrote. */
class OwnershipTest {

  private static final ObjectNode WRITTEN_SPEC = spec("V=1");
  private final Ownership ownership = new Ownership(Map.of(
      "app_a", new EngineObject("id-a", "app_a", 10, WRITTEN_SPEC, service(10, WRITTEN_SPEC, ""))));

  @Test
  void theSwarmRecordingTheUpdatesProgressIsNoChange() {
    assertEquals(
        List.of(),
        ownership.changedByOthers(Map.of("app_a", service(14, spec("V=1"), "completed"))));
  }

  @Test
  void aNewerVersionWithAnotherSpecIsSomeoneElses() {
    assertEquals(
        List.of(
            "service app_a was changed by someone else while this deploy waited: version 17, we wrote 10;"
                + " its spec is no longer this deploy's (docker service inspect app_a shows it)"),
        ownership.changedByOthers(Map.of("app_a", service(17, spec("X=1"), "updating"))));
  }

  @Test
  void theSwarmsOwnRollbackIsLeftToTheConvergenceRules() {
    assertEquals(
        List.of(),
        ownership.changedByOthers(Map.of("app_a", service(17, spec("V=0"), "rollback_started"))));
  }

  @Test
  void aServiceThatIsGoneIsLeftToTheTimeout() {
    assertEquals(List.of(), ownership.changedByOthers(Map.of()));
    assertEquals(
        List.of(), Ownership.NONE.changedByOthers(Map.of("app_a", service(17, spec("X=1"), ""))));
  }

  private static ObjectNode spec(String env) {
    ObjectNode spec = JsonNodeFactory.instance.objectNode().put("Name", "app_a");
    spec.putObject("TaskTemplate")
        .putObject("ContainerSpec")
        .put("Image", "local/busybox:1")
        .putArray("Env")
        .add(env);
    return spec;
  }

  private static ObjectNode service(long version, ObjectNode spec, String updateState) {
    ObjectNode service = JsonNodeFactory.instance.objectNode().put("ID", "id-a");
    service.putObject("Version").put("Index", version);
    service.set("Spec", spec.deepCopy());
    if (!updateState.isEmpty()) {
      service.putObject("UpdateStatus").put("State", updateState);
    }
    return service;
  }
}
