package dev.swarmstack.swarm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.deploy.DeployPlan.Kind;
import dev.swarmstack.swarm.deploy.PlannedChange.Change;
import dev.swarmstack.swarm.problem.StackException;
import dev.swarmstack.swarm.stack.StackLabels;
import dev.swarmstack.swarm.testing.InMemorySwarmEngine;
import dev.swarmstack.swarm.testing.RecordingLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Planning on the in-memory engine: what a deploy would write, and every refusal that must come before the first
 * write, above all of objects that carry the stack's names but are not the stack's (no namespace label).
 */
class PlannerTest {

  static final DeployOptions OPTIONS =
      new DeployOptions(false, ResolveImage.NEVER, host -> Optional.empty(), Duration.ofSeconds(1));
  static final DeployOptions PRUNE =
      new DeployOptions(true, ResolveImage.NEVER, host -> Optional.empty(), Duration.ofSeconds(1));

  private final InMemorySwarmEngine swarm = new InMemorySwarmEngine();
  private final CountingSwarmEngine engine = new CountingSwarmEngine(swarm);
  private final List<String> log = new ArrayList<>();
  private final Deployer deployer = new Deployer(engine, new RecordingLog(log));
  private final TestStack stack = TestStack.twoServices("app");

  @Test
  void aFirstDeployCreatesEveryObjectAndNeedsNothingElse() {
    DeployPlan plan = deployer.plan("app", stack.converted(), OPTIONS);

    assertEquals(
        List.of(
            "create network app_back",
            "create secret app_token",
            "create config app_settings",
            "create service app_web",
            "create service app_worker"),
        lines(plan));
    assertEquals(5, plan.writeCount());
    assertEquals(List.of(), engine.writes(), "planning writes nothing");
  }

  @Test
  void aRedeployOfTheSameStackChangesNothing() {
    deployer.deploy("app", stack.converted(), OPTIONS);
    engine.reset();

    DeployPlan plan = deployer.deploy("app", stack.converted(), OPTIONS);

    assertEquals(0, plan.writeCount(), lines(plan).toString());
    assertTrue(plan.changes().stream().allMatch(change -> change.change() == Change.UNCHANGED));
    assertEquals(List.of(), engine.writes());
  }

  @Test
  void aChangedServiceIsUpdatedWithItsChangedFieldsNamed() {
    deployer.deploy("app", stack.converted(), OPTIONS);
    stack
        .services
        .get("app_worker")
        .withObjectProperty("Mode")
        .withObjectProperty("Replicated")
        .put("Replicas", 3);

    DeployPlan plan = deployer.plan("app", stack.converted(), OPTIONS);

    PlannedChange worker = change(plan, "app_worker");
    assertEquals(Change.UPDATE, worker.change());
    assertEquals(List.of("replicas 1 -> 3"), worker.fieldChanges());
    assertEquals(Change.UNCHANGED, change(plan, "app_web").change());
  }

  @Test
  void aNetworkOfTheStacksNameOutsideTheStackIsRefused() {
    ObjectNode foreign = stack.networks.get("app_back").deepCopy();
    foreign.remove("Labels");
    swarm.createNetwork(foreign);

    assertRefused(
        "network \"app_back\" already exists and does not belong to stack \"app\". Remove it, or declare"
            + " it external: true to use it as it is");
  }

  @Test
  void aSecretOfTheStacksNameWithoutItsLabelIsRefused() {
    ObjectNode foreign = stack.secrets.get("app_token").deepCopy();
    foreign.withObjectProperty("Labels").put(StackLabels.NAMESPACE, "other");
    swarm.createSecret(foreign);

    assertRefused(
        "secret \"app_token\" already exists and does not belong to stack \"app\". Declare it external:"
            + " true to use it, or give this secret another name");
  }

  @Test
  void aConfigOfTheStacksNameWithoutItsLabelIsRefused() {
    ObjectNode foreign = stack.configs.get("app_settings").deepCopy();
    foreign.remove("Labels");
    swarm.createConfig(foreign);

    assertRefused(
        "config \"app_settings\" already exists and does not belong to stack \"app\". Declare it external:"
            + " true to use it, or give this config another name");
  }

  @Test
  void aServiceOfTheStacksNameOutsideTheStackIsNotTakenOver() {
    ObjectNode foreign = stack.services.get("app_worker").deepCopy();
    foreign.withObjectProperty("Labels").put(StackLabels.NAMESPACE, "other");
    swarm.createNetwork(stack.networks.get("app_back").deepCopy().put("Name", "shared"));
    ((ObjectNode) foreign.path("TaskTemplate").path("Networks").get(0)).put("Target", "shared");
    swarm.createService(foreign, Optional.empty());

    DeployPlan plan = deployer.plan("app", stack.converted(), PRUNE);

    assertEquals(
        Change.CREATE,
        change(plan, "app_worker").change(),
        "only the stack's own services are updated");
    assertEquals(List.of(), plan.removals(Kind.SERVICE), "nor pruned");
  }

  @Test
  void externalNetworksMustExistInSwarmScope() {
    stack.externalNetworks.add("edge");
    stack.externalNetworks.add("local");
    swarm.createNetwork(
        stack.network("local").put("Name", "local").put("Driver", "bridge").put("Scope", "local"));
    stack.networks.remove("app_local");

    StackException refused =
        assertThrows(StackException.class, () -> deployer.plan("app", stack.converted(), OPTIONS));

    assertTrue(
        refused
            .getMessage()
            .contains("network \"edge\" is declared as external, but could not be found"),
        refused.getMessage());
    assertTrue(
        refused
            .getMessage()
            .contains("network \"local\" is declared as external, but it is not in the right"
                + " scope: \"local\" instead of \"swarm\""),
        refused.getMessage());
  }

  @Test
  void aSecretThatIsNeitherInTheSwarmNorInTheStackIsRefused() {
    stack.secrets.remove("app_token");

    assertRefused(
        "service \"app_web\": secret not found: app_token. Create it (it is declared external) or declare it"
            + " in the stack");
  }

  @Test
  void newSecretContentWithoutRotationBlocksTheDeployButShowsInThePreview() {
    deployer.deploy("app", stack.converted(), OPTIONS);
    stack.secret("token", "new content");

    DeployPlan preview = deployer.preview("app", stack.converted(), OPTIONS);
    StackException refused =
        assertThrows(StackException.class, () -> deployer.plan("app", stack.converted(), OPTIONS));

    assertEquals(Change.UPDATE, change(preview, "app_token").change());
    assertEquals(refused.problems(), preview.blockers());
    assertTrue(
        refused.getMessage().startsWith("secret \"app_token\" has new content"),
        refused.getMessage());
  }

  @Test
  void newLabelsOnASecretAreAnUpdateOfItsLabels() {
    deployer.deploy("app", stack.converted(), OPTIONS);
    stack.secrets.get("app_token").withObjectProperty("Labels").put("tier", "data");

    DeployPlan plan = deployer.plan("app", stack.converted(), OPTIONS);

    assertEquals(
        "update    secret  app_token (labels)", change(plan, "app_token").toString());
  }

  @Test
  void aPortAnotherStackPublishesIsRefused() {
    TestStack other = new TestStack("other");
    other.network("front");
    other
        .service("proxy", TestStack.IMAGE, "front")
        .withObjectProperty("EndpointSpec")
        .putArray("Ports")
        .addObject()
        .put("Protocol", "tcp")
        .put("TargetPort", 80)
        .put("PublishedPort", 8080);
    deployer.deploy("other", other.converted(), OPTIONS);
    engine.reset();
    stack
        .services
        .get("app_web")
        .withObjectProperty("EndpointSpec")
        .putArray("Ports")
        .addObject()
        .put("Protocol", "tcp")
        .put("TargetPort", 80)
        .put("PublishedPort", 8080);

    assertRefused(
        "port 8080/tcp is already published by service other_proxy (stack other); choose another published"
            + " port or remove that service");
  }

  @Test
  void pruningListsWhatIsNoLongerDeclared() {
    deployer.deploy("app", stack.converted(), OPTIONS);
    TestStack smaller = new TestStack("app");
    smaller.network("front");
    smaller.service("web", TestStack.IMAGE, "front");

    DeployPlan plan = deployer.plan("app", smaller.converted(), PRUNE);

    assertEquals(
        List.of(
            "remove service app_worker",
            "create network app_front",
            "update service app_web",
            "remove secret app_token",
            "remove config app_settings",
            "remove network app_back"),
        lines(plan));
  }

  private void assertRefused(String message) {
    StackException refused = assertThrows(
        StackException.class, () -> deployer.deploy("app", stack.converted(), OPTIONS));
    assertEquals(message, refused.getMessage());
    assertEquals(List.of(), engine.writes(), "refused before the first write");
  }

  private static PlannedChange change(DeployPlan plan, String name) {
    return plan.changes().stream()
        .filter(change -> change.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  /** Each change as {@code create network app_back}. */
  static List<String> lines(DeployPlan plan) {
    return plan.changes().stream()
        .map(change -> change.change().label() + " " + change.kind().label() + " " + change.name())
        .toList();
  }
}
