package dev.swarmstack.swarm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.problem.StackException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The plan {@code swarm:diff} prints, against a stack deployed on the real engine: nothing written, field by field. */
class DiffIT extends EngineTestBase {

  private static final DeployOptions OPTIONS =
      new DeployOptions(false, ResolveImage.NEVER, host -> Optional.empty(), Duration.ofMinutes(1));

  @Test
  void anUnchangedStackHasNoDrift() {
    TestStack stack = TestStack.twoServices(namespace);
    deployer().deploy(namespace, stack.converted(), OPTIONS);
    engine.reset();

    DeployPlan plan = deployer().plan(namespace, stack.converted(), OPTIONS);

    assertFalse(plan.hasDrift(), plan.changes().toString());
    assertTrue(plan.changes().stream()
        .allMatch(change -> change.change() == PlannedChange.Change.UNCHANGED));
    assertEquals(List.of(), engine.writes(), "planning writes nothing");
  }

  @Test
  void aChangedStackShowsEachChangedFieldAndNoValueOfASecretOrVariable() {
    TestStack stack = TestStack.twoServices(namespace);
    ObjectNode worker = stack.services.get(stack.scoped("worker"));
    ((ObjectNode) worker.path("TaskTemplate").path("ContainerSpec"))
        .putArray("Env")
        .add("API_KEY=old-key");
    deployer().deploy(namespace, stack.converted(), OPTIONS);
    engine.reset();

    worker.withObjectProperty("Mode").withObjectProperty("Replicated").put("Replicas", 3);
    ObjectNode container = (ObjectNode) worker.path("TaskTemplate").path("ContainerSpec");
    container.put("Image", "local/busybox:2");
    container.putArray("Env").add("API_KEY=new-key");
    stack.config("extra", "x=1");
    DeployPlan plan = deployer().plan(namespace, stack.converted(), OPTIONS);

    assertTrue(plan.hasDrift());
    PlannedChange update = plan.changes().stream()
        .filter(change -> change.name().equals(stack.scoped("worker")))
        .findFirst()
        .orElseThrow();
    assertEquals(PlannedChange.Change.UPDATE, update.change());
    assertEquals(
        List.of(
            "replicas 1 -> 3",
            "environment changed: API_KEY",
            "image local/busybox:1 -> local/busybox:2"),
        update.fieldChanges());
    assertTrue(
        plan.changes()
            .contains(new PlannedChange(
                DeployPlan.Kind.CONFIG,
                stack.scoped("extra"),
                PlannedChange.Change.CREATE,
                "",
                List.of())),
        plan.changes().toString());
    assertFalse(plan.changes().toString().contains("key"), plan.changes().toString());
    assertEquals(List.of(), engine.writes(), "planning writes nothing");
  }

  @Test
  void aSecretWhoseContentChangedIsNamedWithoutItsContent() {
    TestStack stack = TestStack.twoServices(namespace);
    deployer().deploy(namespace, stack.converted(), OPTIONS);

    stack.secret("token", "n3w-s3cret");
    StackException error = assertThrows(
        StackException.class, () -> deployer().plan(namespace, stack.converted(), OPTIONS));

    String message = error.problems().toString();
    assertTrue(
        message.contains("secret \"" + stack.scoped("token") + "\" has new content"), message);
    assertFalse(
        message.contains("s3cret")
            || message.contains(Base64.getEncoder()
                .encodeToString("n3w-s3cret".getBytes(java.nio.charset.StandardCharsets.UTF_8))),
        message);
  }
}
