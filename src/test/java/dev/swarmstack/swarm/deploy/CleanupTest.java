package dev.swarmstack.swarm.deploy;

import static dev.swarmstack.swarm.deploy.PlannerTest.OPTIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.convert.ContentHash;
import dev.swarmstack.swarm.convert.VersionNames;
import dev.swarmstack.swarm.engine.EngineException;
import dev.swarmstack.swarm.engine.EngineObject;
import dev.swarmstack.swarm.history.RevisionReferences;
import dev.swarmstack.swarm.remove.StackCleanup;
import dev.swarmstack.swarm.stack.StackLabels;
import dev.swarmstack.swarm.testing.InMemorySwarmEngine;
import dev.swarmstack.swarm.testing.RecordingLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Removing what a stack no longer uses, on the in-memory engine: {@link StackCleanup}'s order and refusals, and
 * {@link VersionCleanup}'s choice of old secret and config versions.
 */
class CleanupTest {

  private final InMemorySwarmEngine swarm = new InMemorySwarmEngine();
  private final CountingSwarmEngine engine = new CountingSwarmEngine(swarm);
  private final List<String> log = new ArrayList<>();
  private final TestStack stack = TestStack.twoServices("app");

  @Test
  void tasksOnANodeThatIsDownAreNotWaitedFor() {
    deploy(stack);
    swarm.addNode("node2", "worker", "down", "active");
    swarm.addTask("app_worker", "node2", "running");
    swarm.lingerOnRemove("app_worker");
    EngineObject worker = swarm.inspectService("app_worker").orElseThrow();
    swarm.removeService(worker.id());

    cleanup(Duration.ofMinutes(1)).awaitTasksGone("app", List.of(worker));

    assertTrue(
        log.contains(
            "INFO 1 task(s) of the removed services are on nodes that are down; not waiting for them:"
                + " the swarm stops them when their node is back"),
        log.toString());
  }

  @Test
  void aNetworkAnotherStacksServiceUsesIsRefusedAtOnceNamingIt() {
    deploy(stack);
    EngineObject back = swarm.inspectNetwork("app_back").orElseThrow();
    TestStack other = new TestStack("other");
    ObjectNode intruder = other.service("intruder", TestStack.IMAGE, "back");
    ((ObjectNode) intruder.path("TaskTemplate").path("Networks").get(0)).put("Target", "app_back");
    swarm.createService(intruder, Optional.empty());
    removeStackServices();

    EngineException refused = assertThrows(
        EngineException.class, () -> cleanup(Duration.ofMinutes(1)).removeNetworks(List.of(back)));

    assertEquals(
        "network app_back is still in use by service other_intruder of stack other: take it off the network"
            + " (docker service update --network-rm app_back other_intruder) or remove it or its stack, then run the rm"
            + " command again",
        refused.getMessage());
  }

  @Test
  void aNetworkTheTasksOfARemovedServiceStillUseIsRetriedUntilTheTimeout() {
    deploy(stack);
    EngineObject back = swarm.inspectNetwork("app_back").orElseThrow();
    swarm.addTask("app_worker", "running");
    swarm.lingerOnRemove("app_worker");
    removeStackServices();

    EngineException refused = assertThrows(
        EngineException.class, () -> cleanup(Duration.ZERO).removeNetworks(List.of(back)));

    assertTrue(
        refused
            .getMessage()
            .startsWith("network app_back is still in use by a task of removed service "),
        refused.getMessage());
  }

  @Test
  void networksGoOnceTheirServicesAndTasksAre() {
    deploy(stack);
    swarm.addTask("app_worker", "running");
    List<EngineObject> networks = swarm.listNetworks(StackLabels.of("app"));
    List<EngineObject> services = swarm.listServices(StackLabels.of("app"));

    StackCleanup cleanup = cleanup(Duration.ofMinutes(1));
    cleanup.removeServices(services);
    cleanup.awaitTasksGone("app", services);
    cleanup.removeNetworks(networks);

    assertEquals(List.of(), swarm.networkNames());
  }

  @Test
  void oldVersionsThatNoServiceUsesAreRemovedOnceConverged() {
    String current = rotated(stack, "token", "v2");
    deploy(stack);
    String old = VersionNames.of("app_token", "sha256:" + "0".repeat(64));
    createVersion(old, "v1", true);
    String inUse = VersionNames.of("app_token", "sha256:" + "1".repeat(64));
    String inUseId = createVersion(inUse, "v0", true);
    useSecret("app_worker", inUse, inUseId);
    String foreign = VersionNames.of("app_token", "sha256:" + "2".repeat(64));
    createVersion(foreign, "by hand", false);

    new VersionCleanup(engine, new RecordingLog(log))
        .removeUnused("app", stack.converted(), RevisionReferences.NONE);

    assertEquals(List.of(current, inUse, foreign).stream().sorted().toList(), swarm.secretNames());
    assertTrue(
        log.contains("INFO Removing old version " + old + " of secret (no service uses it)"),
        log.toString());
  }

  @Test
  void detachedDeploysKeepOldVersions() {
    rotated(stack, "token", "v2");
    deploy(stack);
    String old = VersionNames.of("app_token", "sha256:" + "0".repeat(64));
    createVersion(old, "v1", true);

    new VersionCleanup(engine, new RecordingLog(log))
        .keep("app", stack.converted(), RevisionReferences.NONE);

    assertTrue(swarm.secretNames().contains(old));
    assertTrue(
        log.stream()
            .anyMatch(
                line -> line.startsWith("INFO Keeping 1 old secret/config version(s) (" + old)),
        log.toString());
  }

  private void deploy(TestStack deployed) {
    new Deployer(engine, new RecordingLog(log)).deploy("app", deployed.converted(), OPTIONS);
  }

  private StackCleanup cleanup(Duration timeout) {
    return new StackCleanup(engine, new RecordingLog(log), timeout);
  }

  private void removeStackServices() {
    swarm.listServices(StackLabels.of("app")).forEach(service -> swarm.removeService(service.id()));
  }

  /** Renames the stack's secret {@code key} to its rotated name for {@code content}, as the converter does. */
  private static String rotated(TestStack stack, String key, String content) {
    ObjectNode spec = stack.secret(key, content);
    String name = VersionNames.of(stack.scoped(key), ContentHash.of(spec));
    stack.secrets.remove(stack.scoped(key));
    stack.secrets.put(name, spec.put("Name", name));
    ((ObjectNode) stack
            .services
            .get("app_web")
            .path("TaskTemplate")
            .path("ContainerSpec")
            .path("Secrets")
            .get(0))
        .put("SecretName", name);
    return name;
  }

  /** A secret version of the stack (with the plugin's content hash label) or one made by hand (without). */
  private String createVersion(String name, String content, boolean withHash) {
    ObjectNode spec = new TestStack("app").secret("x", content).put("Name", name);
    if (withHash) {
      spec.withObjectProperty("Labels").put(StackLabels.CONTENT_HASH, ContentHash.of(spec));
    }
    return swarm.createSecret(spec);
  }

  private void useSecret(String service, String secretName, String secretId) {
    EngineObject current = swarm.inspectService(service).orElseThrow();
    ObjectNode spec = current.spec().deepCopy();
    spec.withObjectProperty("TaskTemplate")
        .withObjectProperty("ContainerSpec")
        .putArray("Secrets")
        .addObject()
        .put("SecretName", secretName)
        .put("SecretID", secretId)
        .putObject("File")
        .put("Name", "old");
    swarm.updateService(current.id(), current.version(), spec, Optional.empty());
  }
}
