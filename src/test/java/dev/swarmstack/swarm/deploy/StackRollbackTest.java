package dev.swarmstack.swarm.deploy;

import static dev.swarmstack.swarm.deploy.PlannerTest.OPTIONS;
import static dev.swarmstack.swarm.deploy.PlannerTest.PRUNE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.deploy.RolloutReport.Outcome;
import dev.swarmstack.swarm.engine.EngineObject;
import dev.swarmstack.swarm.history.Recording;
import dev.swarmstack.swarm.testing.InMemorySwarmEngine;
import dev.swarmstack.swarm.testing.RecordingLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every way a failed deploy is rolled back, on the in-memory engine: a first deploy back to nothing, updated
 * services back to their previous specs, pruned services recreated, a restore that meets another writer, a step that
 * fails while the others go on, and no rollback when it is turned off. Services have no replicas, so that what was
 * restored converges at the first look.
 */
class StackRollbackTest {

  private static final ConvergeOptions ROLL_BACK =
      new ConvergeOptions(false, Duration.ofSeconds(5), true, 5);

  private final InMemorySwarmEngine swarm = new InMemorySwarmEngine();
  private final CountingSwarmEngine engine = new CountingSwarmEngine(swarm);
  private final List<String> log = new ArrayList<>();
  private final TestStack stack = withoutReplicas(TestStack.twoServices("app"));

  @Test
  void aFailedFirstDeployLeavesNothing() {
    swarm.refuseWritesTo("app_worker");

    DeployFailedException failure =
        assertThrows(DeployFailedException.class, () -> deploy(stack, OPTIONS, ROLL_BACK));

    assertEquals(Outcome.ROLLED_BACK, failure.report().outcome());
    assertTrue(
        failure
            .getMessage()
            .contains(
                "applying the plan failed: creating service app_worker: refused by the" + " test"),
        failure.getMessage());
    assertTrue(failure.getMessage().contains("rolled back to nothing"), failure.getMessage());
    assertEquals(List.of(), swarm.serviceNames());
    assertEquals(List.of(), swarm.networkNames());
    assertEquals(List.of(), swarm.secretNames());
    assertEquals(List.of(), swarm.configNames());
  }

  @Test
  void updatedServicesGetTheirPreviousSpecBackAndNewObjectsGo() {
    deploy(stack, OPTIONS, ROLL_BACK);
    JsonNode previous = spec("app_web");
    stack
        .services
        .get("app_web")
        .withObjectProperty("TaskTemplate")
        .withObjectProperty("ContainerSpec")
        .putArray("Args")
        .add("sleep")
        .add("1");
    stack.secret("extra", "new");
    stack
        .service("zz", TestStack.IMAGE, "back")
        .withObjectProperty("Mode")
        .withObjectProperty("Replicated")
        .put("Replicas", 0);
    swarm.refuseWritesTo("app_zz"); // written last, after app_web's update

    DeployFailedException failure =
        assertThrows(DeployFailedException.class, () -> deploy(stack, OPTIONS, ROLL_BACK));

    assertEquals(Outcome.ROLLED_BACK, failure.report().outcome(), failure.getMessage());
    assertEquals(previous.path("TaskTemplate"), spec("app_web").path("TaskTemplate"));
    assertEquals(List.of("app_token"), swarm.secretNames(), "the new secret is gone");
  }

  @Test
  void prunedServicesAreRecreatedAndWhatTheyUseWasKept() {
    deploy(stack, OPTIONS, ROLL_BACK);
    EngineObject worker = swarm.inspectService("app_worker").orElseThrow();
    TestStack next = withoutReplicas(TestStack.twoServices("app"));
    next.services.remove("app_worker");
    next.service("zz", TestStack.IMAGE, "back")
        .withObjectProperty("Mode")
        .withObjectProperty("Replicated")
        .put("Replicas", 0);
    swarm.refuseWritesTo("app_zz");

    DeployFailedException failure =
        assertThrows(DeployFailedException.class, () -> deploy(next, PRUNE, ROLL_BACK));

    assertEquals(Outcome.ROLLED_BACK, failure.report().outcome(), failure.getMessage());
    EngineObject recreated = swarm.inspectService("app_worker").orElseThrow();
    assertEquals(worker.spec(), recreated.spec());
    assertTrue(!recreated.id().equals(worker.id()), "a recreated service has a new id");
    assertTrue(
        failure.getMessage().contains("1 pruned service(s) recreated"), failure.getMessage());
  }

  @Test
  void aRestoreThatMeetsAnotherWriterIsRetriedAtTheNewVersion() {
    deploy(stack, OPTIONS, ROLL_BACK);
    JsonNode previous = spec("app_web");
    EngineObject web = swarm.inspectService("app_web").orElseThrow();
    StackSnapshot snapshot = new StackSnapshot(
        List.of(web),
        List.of(Optional.empty()),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        true);
    ObjectNode changed = web.spec().deepCopy();
    changed.withObjectProperty("Labels").put("changed", "by the failed deploy");
    swarm.updateService(web.id(), web.version(), changed, Optional.empty());
    EngineObject current = swarm.inspectService("app_web").orElseThrow();
    swarm.beforeNextUpdate(() ->
        swarm.updateService(current.id(), current.version(), current.spec(), Optional.empty()));

    List<String> problems = new StackRollback(engine, new RecordingLog(log), Duration.ofSeconds(1))
        .restore("app", snapshot);

    assertEquals(List.of(), problems);
    assertEquals(previous, spec("app_web"));
  }

  @Test
  void aStepThatFailsIsListedAndTheOthersStillRun() {
    deploy(stack, OPTIONS, ROLL_BACK);
    ObjectNode newSecret = stack.secret("extra", "new");
    String secretId = swarm.createSecret(newSecret);
    TestStack other = withoutReplicas(new TestStack("other"));
    other.network("front");
    ObjectNode user = other.service("user", TestStack.IMAGE, "front");
    user.withObjectProperty("TaskTemplate")
        .withObjectProperty("ContainerSpec")
        .putArray("Secrets")
        .addObject()
        .put("SecretName", "app_extra")
        .put("SecretID", secretId)
        .putObject("File")
        .put("Name", "extra");
    swarm.createNetwork(other.networks.get("other_front"));
    swarm.createService(user, Optional.empty());
    swarm.createConfig(stack.config("more", "new"));
    StackSnapshot snapshot = new StackSnapshot(
        List.of(),
        List.of(),
        List.of(),
        List.of("app_worker"),
        List.of(),
        List.of("app_extra"),
        List.of("app_more"),
        true);

    List<String> problems = new StackRollback(engine, new RecordingLog(log), Duration.ofSeconds(1))
        .restore("app", snapshot);

    assertEquals(
        List.of(
            "removing secret app_extra: removing secret " + secretId + ": rpc error: code ="
                + " InvalidArgument desc = secret 'app_extra' is in use by the following service: other_user"),
        problems);
    assertEquals(
        List.of("app_web"),
        SwarmState.ofStack(swarm.listServices(Map.of()), "app").stream()
            .map(EngineObject::name)
            .toList(),
        "the new service is removed");
    assertEquals(
        List.of("app_settings"),
        swarm.configNames(),
        "the new config is removed, after the secret failed");
  }

  @Test
  void withRollbackOffTheStackStaysAsTheFailedDeployLeftIt() {
    swarm.refuseWritesTo("app_worker");
    ConvergeOptions noRollback = new ConvergeOptions(false, Duration.ofSeconds(5), false, 5);

    DeployFailedException failure =
        assertThrows(DeployFailedException.class, () -> deploy(stack, OPTIONS, noRollback));

    assertEquals(Outcome.FAILED, failure.report().outcome());
    assertTrue(
        failure.getMessage().contains("no rollback (--rollback=false)"), failure.getMessage());
    assertEquals(List.of("app_web"), swarm.serviceNames());
  }

  private RolloutReport deploy(
      TestStack deployed, DeployOptions options, ConvergeOptions converge) {
    return new StackRollout(engine, new RecordingLog(log))
        .deploy("app", deployed.converted(), options, converge, Recording.off());
  }

  private JsonNode spec(String service) {
    return swarm.inspectService(service).orElseThrow().spec();
  }

  private static TestStack withoutReplicas(TestStack stack) {
    stack.services.values().forEach(spec -> spec.withObjectProperty("Mode")
        .withObjectProperty("Replicated")
        .put("Replicas", 0));
    return stack;
  }
}
