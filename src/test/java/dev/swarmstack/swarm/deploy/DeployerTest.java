package dev.swarmstack.swarm.deploy;

import static dev.swarmstack.swarm.deploy.PlannerTest.OPTIONS;
import static dev.swarmstack.swarm.deploy.PlannerTest.PRUNE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.deploy.DeployPlan.Kind;
import dev.swarmstack.swarm.engine.EngineException;
import dev.swarmstack.swarm.engine.EngineObject;
import dev.swarmstack.swarm.testing.InMemorySwarmEngine;
import dev.swarmstack.swarm.testing.RecordingLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The order in which a plan is written, on the in-memory engine, which refuses what the real one refuses: a
 * service before the network it attaches to, a secret or network removed while a service still uses it.
 */
class DeployerTest {

  private final InMemorySwarmEngine swarm = new InMemorySwarmEngine();
  private final CountingSwarmEngine engine = new CountingSwarmEngine(swarm);
  private final List<String> log = new ArrayList<>();
  private final Deployer deployer = new Deployer(engine, new RecordingLog(log));
  private final TestStack stack = TestStack.twoServices("app");

  @Test
  void networksSecretsAndConfigsAreCreatedBeforeTheServicesThatUseThem() {
    deployer.deploy("app", stack.converted(), OPTIONS);

    assertEquals(
        List.of(
            "createNetwork app_back",
            "createSecret app_token",
            "createConfig app_settings",
            "createService app_web",
            "createService app_worker"),
        engine.writes());
  }

  @Test
  void servicesReferToTheSecretsAndConfigsCreatedByTheirIds() {
    ApplyResult result = deployer.apply(deployer.plan("app", stack.converted(), OPTIONS), OPTIONS);

    ObjectNode container = (ObjectNode) swarm
        .inspectService("app_web")
        .orElseThrow()
        .spec()
        .path("TaskTemplate")
        .path("ContainerSpec");
    assertEquals(
        result.createdIds(Kind.SECRET).get("app_token"),
        container.path("Secrets").get(0).path("SecretID").asText());
    assertEquals(
        result.createdIds(Kind.CONFIG).get("app_settings"),
        container.path("Configs").get(0).path("ConfigID").asText());
    assertEquals(
        swarm.inspectService("app_worker").orElseThrow().id(),
        result.createdIds(Kind.SERVICE).get("app_worker"));
  }

  @Test
  void pruningRemovesServicesFirstAndWhatTheyUsedLast() {
    deployer.deploy("app", stack.converted(), OPTIONS);
    engine.reset();
    String worker = swarm.inspectService("app_worker").orElseThrow().id();
    String token = swarm.listSecrets(java.util.Map.of()).get(0).id();
    String settings = swarm.listConfigs(java.util.Map.of()).get(0).id();
    String back = swarm.inspectNetwork("app_back").orElseThrow().id();
    TestStack next = new TestStack("app");
    next.network("front");
    next.service("web", TestStack.IMAGE, "front");

    deployer.deploy("app", next.converted(), PRUNE);

    assertEquals(
        List.of(
            "removeService " + worker,
            "createNetwork app_front",
            "updateService app_web",
            "removeSecret " + token,
            "removeConfig " + settings,
            "removeNetwork " + back),
        engine.writes());
    assertEquals(List.of("app_front"), swarm.networkNames());
    assertEquals(List.of("app_web"), swarm.serviceNames());
    assertEquals(List.of(), swarm.secretNames());
  }

  @Test
  void aPrunedNetworkGoesOnceNoServiceAndNoTaskIsAttached() {
    deployer.deploy("app", stack.converted(), OPTIONS);
    String task = swarm.addTask("app_worker", "running");
    TestStack next = TestStack.twoServices("app");
    next.services.remove("app_worker");
    next.services
        .get("app_web")
        .withObjectProperty("TaskTemplate")
        .withArray("Networks")
        .removeAll();
    next.networks.remove("app_back");
    swarm.lingerOnRemove("app_worker");
    swarm.beforeNextUpdate(
        () -> swarm.setTaskState(task, "shutdown")); // the task stops while app_web is updated

    deployer.deploy("app", next.converted(), PRUNE);

    assertEquals(List.of(), swarm.networkNames());
  }

  @Test
  void anUpdateThatMeetsAnotherWritersChangeIsRetriedAtTheNewVersion() {
    deployer.deploy("app", stack.converted(), OPTIONS);
    stack
        .services
        .get("app_web")
        .withObjectProperty("Mode")
        .withObjectProperty("Replicated")
        .put("Replicas", 2);
    EngineObject before = swarm.inspectService("app_web").orElseThrow();
    swarm.beforeNextUpdate(
        () -> swarm.updateService(before.id(), before.version(), before.spec(), Optional.empty()));
    engine.reset();

    deployer.deploy("app", stack.converted(), OPTIONS);

    assertEquals(
        2,
        swarm
            .inspectService("app_web")
            .orElseThrow()
            .spec()
            .path("Mode")
            .path("Replicated")
            .path("Replicas")
            .asInt());
    assertTrue(
        log.contains("INFO Service app_web changed meanwhile; reading it again (attempt 2)"),
        log.toString());
  }

  @Test
  void aFailedWriteStopsTheApplyWhereItFailed() {
    swarm.refuseWritesTo("app_settings");

    EngineException failure = assertThrows(
        EngineException.class, () -> deployer.deploy("app", stack.converted(), OPTIONS));

    assertEquals("creating config app_settings: refused by the test", failure.getMessage());
    assertEquals(
        List.of("createNetwork app_back", "createSecret app_token", "createConfig app_settings"),
        engine.writes(),
        "no service is created without its config");
  }

  @Test
  void anUpToDateStackWritesNothing() {
    deployer.deploy("app", stack.converted(), OPTIONS);
    engine.reset();

    deployer.deploy("app", stack.converted(), PRUNE);

    assertEquals(List.of(), engine.writes());
    assertTrue(log.contains("INFO Stack app is up to date"), log.toString());
  }
}
