package dev.swarmstack.swarm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.problem.StackException;
import dev.swarmstack.swarm.stack.StackLabels;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A port that another stack already publishes, on the real swarm: the second stack fails before its first write and
 * names the service holding the port. What the engine itself refuses decides what is checked.
 */
class PortConflictIT extends EngineTestBase {

  private static final DeployOptions OPTIONS =
      new DeployOptions(false, ResolveImage.NEVER, host -> Optional.empty(), Duration.ofMinutes(1));

  private String other;

  @BeforeEach
  void secondStack() {
    other = uniqueStackName();
    cleanups.add(() -> removeStack(other));
  }

  @Test
  void aPortAnotherStackPublishesFailsTheDeployBeforeAnyWrite() throws Exception {
    int port = freePort();
    TestStack holder = new TestStack(other);
    holder.network("net");
    publish(holder.service("web", TestStack.IMAGE, "net"), port, "ingress");
    deployer().deploy(other, holder.converted(), OPTIONS);
    engine.reset();

    TestStack stack = new TestStack(namespace);
    stack.network("net");
    publish(stack.service("api", TestStack.IMAGE, "net"), port, "ingress");
    StackException refused = assertThrows(
        StackException.class, () -> deployer().deploy(namespace, stack.converted(), OPTIONS));

    assertTrue(
        refused
            .getMessage()
            .contains(
                "port " + port + "/tcp is already published by service " + other + "_web (stack "
                    + other + "); choose another published port or remove that service"),
        refused.getMessage());
    assertEquals(List.of(), engine.writes(), "nothing is written when a port is taken");
    assertEquals(List.of(), names(engine.listServices(StackLabels.of(namespace))));
  }

  @Test
  void theStackItselfHoldingItsPortsAndTwoHostModePortsAreNoConflict() throws Exception {
    int ingress = freePort();
    int host = freePort();
    TestStack holder = new TestStack(other);
    holder.network("net");
    publish(holder.service("web", TestStack.IMAGE, "net"), host, "host");
    deployer().deploy(other, holder.converted(), OPTIONS);

    TestStack stack = new TestStack(namespace);
    stack.network("net");
    ObjectNode web = stack.service("web", TestStack.IMAGE, "net");
    publish(web, ingress, "ingress");
    deployer().deploy(namespace, stack.converted(), OPTIONS);
    // an update of the service that holds the port, and a second host-mode use of the other stack's
    // port
    ((ObjectNode) web.path("TaskTemplate").path("ContainerSpec"))
        .putArray("Args")
        .add("sleep")
        .add("3601");
    publish(stack.service("agent", TestStack.IMAGE, "net"), host, "host");
    engine.reset();

    deployer().deploy(namespace, stack.converted(), OPTIONS);

    assertEquals(
        List.of("createService " + stack.scoped("agent"), "updateService " + stack.scoped("web")),
        engine.writes().stream().sorted().toList());
  }

  private static void publish(ObjectNode service, int port, String mode) {
    service
        .withObjectProperty("EndpointSpec")
        .putArray("Ports")
        .addObject()
        .put("Protocol", "tcp")
        .put("TargetPort", 80)
        .put("PublishedPort", port)
        .put("PublishMode", mode);
  }
}
