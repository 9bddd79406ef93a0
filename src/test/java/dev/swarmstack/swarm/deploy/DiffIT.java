package dev.swarmstack.swarm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.deploy.PlannedChange.Change;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The plan {@code swarm:diff} prints, on a deployed stack: nothing on an unchanged one, fields on a changed one. */
class DiffIT extends EngineTestBase {

  private static final DeployOptions OPTIONS = new DeployOptions(false, ResolveImage.NEVER, host -> Optional.empty(),
      Duration.ofMinutes(1));

  @Test
  void anUnchangedStackHasNoChangesAndAChangedOneShowsItsFields() {
    TestStack stack = TestStack.twoServices(namespace);
    new StackRollout(engine, deployLog).deploy(namespace, stack.converted(), OPTIONS,
        new ConvergeOptions(true, Duration.ofMinutes(1), true, 0));

    DeployPlan unchanged = deployer().plan(namespace, stack.converted(), OPTIONS);
    assertEquals(0, unchanged.writeCount(), unchanged.changes().toString());

    ObjectNode web = stack.services.get(stack.scoped("web"));
    web.withObjectProperty("Mode").withObjectProperty("Replicated").put("Replicas", 3);
    ((ObjectNode) web.path("TaskTemplate").path("ContainerSpec")).put("Image", "local/busybox:2");
    stack.secret("extra", "never shown");
    engine.reset();
    log.clear();
    DeployPlan changed = deployer().plan(namespace, stack.converted(), OPTIONS);
    deployer().printPlan(changed);

    assertEquals(List.of(), engine.writes(), "planning writes nothing");
    assertEquals(2, changed.writeCount(), changed.changes().toString());
    assertTrue(changed.changes().contains(new PlannedChange("secret", stack.scoped("extra"), Change.CREATE, "")));
    assertTrue(log.contains("INFO       " + stack.scoped("web") + ": replicas 1 -> 3"), log.toString());
    assertTrue(log.contains("INFO       " + stack.scoped("web") + ": image local/busybox:1 -> local/busybox:2"),
        log.toString());
    assertTrue(log.stream().noneMatch(line -> line.contains("never shown")), log.toString());
  }
}
