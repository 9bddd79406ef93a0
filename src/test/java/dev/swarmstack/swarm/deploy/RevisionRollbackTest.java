package dev.swarmstack.swarm.deploy;

import static dev.swarmstack.swarm.deploy.PlannerTest.OPTIONS;
import static dev.swarmstack.swarm.deploy.PlannerTest.PRUNE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.convert.ContentHash;
import dev.swarmstack.swarm.convert.VersionNames;
import dev.swarmstack.swarm.engine.EngineObject;
import dev.swarmstack.swarm.history.HistoryException;
import dev.swarmstack.swarm.history.Provenance;
import dev.swarmstack.swarm.history.Recording;
import dev.swarmstack.swarm.history.Revision;
import dev.swarmstack.swarm.history.StackHistory;
import dev.swarmstack.swarm.problem.StackException;
import dev.swarmstack.swarm.release.RevisionRollback;
import dev.swarmstack.swarm.stack.StackLabels;
import dev.swarmstack.swarm.testing.InMemorySwarmEngine;
import dev.swarmstack.swarm.testing.RecordingLog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The stack's history on the in-memory engine: what each deploy records, rolling back to a revision exactly, what
 * the history keeps and lets go, and every refusal before the first write. Services have no replicas, so that each
 * deploy converges at the first look.
 */
class RevisionRollbackTest {

  private static final ConvergeOptions WAIT =
      new ConvergeOptions(false, Duration.ofSeconds(5), true, 5);
  private static final Provenance BUILD =
      new Provenance("dev.example:shop", "", "", "ci", "runner-1", "0.1.0");

  private final InMemorySwarmEngine swarm = new InMemorySwarmEngine();
  private final CountingSwarmEngine engine = new CountingSwarmEngine(swarm);
  private final List<String> log = new ArrayList<>();
  private final RevisionRollback rollback = new RevisionRollback(engine, new RecordingLog(log));

  @Test
  void eachDeployRecordsARevisionWithWhatItChanged() {
    deploy(version("1", "s3cret", "info"), OPTIONS, 10);
    deploy(version("2", "s3cret", "debug"), OPTIONS, 10);

    List<StackHistory.Entry> entries = new StackHistory(engine).entries("app");
    assertEquals(List.of(1, 2), entries.stream().map(StackHistory.Entry::number).toList());
    Revision second = entries.get(1).revision().orElseThrow();
    assertEquals(Revision.Outcome.CONVERGED, second.outcome());
    assertEquals("2", second.provenance().version());
    assertEquals(List.of("app_web"), second.changedServices());
    assertEquals(
        List.of("app_web", "app_worker"),
        entries.get(0).revision().orElseThrow().changedServices());
    assertEquals(List.of("app.rev-1", "app.rev-2"), revisionConfigs());
  }

  @Test
  void theRecordKeepsNoSecretContent() {
    deploy(version("1", "s3cret", "info"), OPTIONS, 10);

    String stored = new String(
        Base64.getDecoder().decode(revisionConfig(1).spec().path("Data").asText()),
        StandardCharsets.UTF_8);
    String secretData =
        Base64.getEncoder().encodeToString("s3cret".getBytes(StandardCharsets.UTF_8));
    assertFalse(stored.contains(secretData), stored);
    assertFalse(stored.contains("s3cret"), stored);
    assertTrue(stored.contains(StackLabels.CONTENT_HASH), stored);
  }

  @Test
  void aRollbackRestoresTheRevisionsSpecsExactlyAndIsRecorded() {
    deploy(version("1", "s3cret", "info"), OPTIONS, 10);
    Map<String, JsonNode> first = serviceSpecs();
    deploy(version("2", "rotated", "debug"), OPTIONS, 10);
    TestStack third = version("3", "rotated-again", "warn");
    third.services.remove("app_worker");
    deploy(third, PRUNE, 10);
    assertEquals(List.of("app_web"), swarm.serviceNames());

    Revision target = rollback.target("app", OptionalInt.of(1));
    rollback.rollBack("app", target, OPTIONS, WAIT, 10, BUILD);

    assertEquals(first, serviceSpecs(), "both services as revision 1 had them");
    Revision fourth = new StackHistory(engine).read("app", 4);
    assertEquals(OptionalInt.of(1), fourth.restoredFrom());
    assertEquals("1", fourth.provenance().version(), "what runs is revision 1's version");
    assertEquals("ci", fourth.provenance().user());
    assertEquals("rollback to 1 (app_web, app_worker)", fourth.description());
    assertEquals(3, swarm.secretNames().size(), "revisions 2 and 3 still need theirs");
  }

  @Test
  void withoutARevisionNumberTheRollbackGoesToTheOneBefore() {
    deploy(version("1", "s3cret", "info"), OPTIONS, 10);
    deploy(version("2", "s3cret", "debug"), OPTIONS, 10);

    assertEquals(1, rollback.target("app", OptionalInt.empty()).number());
    rollback.rollBack("app", rollback.target("app", OptionalInt.empty()), OPTIONS, WAIT, 10, BUILD);

    assertEquals(
        2, rollback.target("app", OptionalInt.empty()).number(), "3 restored 1; before it: 2");
  }

  @Test
  void aFailedDeployIsRecordedAsRolledBackAndSkippedByDefault() {
    deploy(version("1", "s3cret", "info"), OPTIONS, 10);
    deploy(version("2", "s3cret", "debug"), OPTIONS, 10);
    TestStack third = version("3", "s3cret", "warn");
    third
        .service("zz", TestStack.IMAGE, "back")
        .withObjectProperty("Mode")
        .withObjectProperty("Replicated")
        .put("Replicas", 0);
    swarm.refuseWritesTo("app_zz"); // written last, after app_web's update

    assertThrows(DeployFailedException.class, () -> deploy(third, OPTIONS, 10));

    Revision failed = new StackHistory(engine).read("app", 3);
    assertEquals(Revision.Outcome.ROLLED_BACK, failed.outcome());
    assertEquals(1, rollback.target("app", OptionalInt.empty()).number());
  }

  @Test
  void theOldestRevisionsGoWithTheSecretVersionsOnlyTheyUsed() {
    TestStack first = version("1", "one", "info");
    deploy(first, OPTIONS, 2);
    deploy(version("2", "two", "info"), OPTIONS, 2);
    assertEquals(2, swarm.secretNames().size(), "revision 1 keeps its version");

    deploy(version("3", "three", "info"), OPTIONS, 2);

    assertEquals(List.of("app.rev-2", "app.rev-3"), revisionConfigs());
    assertEquals(
        List.of(tokenName("two"), tokenName("three")).stream().sorted().toList(),
        swarm.secretNames());
    assertTrue(
        log.contains(
            "INFO Removing old version " + tokenName("one") + " of secret (no service uses it)"),
        log.toString());
  }

  @Test
  void pruningKeepsWhatAStoredRevisionUses() {
    TestStack first = version("1", "s3cret", "info");
    first.secret("extra", "kept for revision 1");
    deploy(first, OPTIONS, 10);

    deploy(version("2", "s3cret", "info"), PRUNE, 10);

    assertTrue(swarm.secretNames().contains("app_extra"), swarm.secretNames().toString());
  }

  @Test
  void aRevisionWhoseSecretIsGoneIsRefusedBeforeAnyWrite() {
    deploy(version("1", "one", "info"), OPTIONS, 10);
    deploy(version("2", "two", "info"), OPTIONS, 10);
    swarm.removeSecret(secretId(tokenName("one")));
    int writesBefore = engine.writes().size();

    Revision first = rollback.target("app", OptionalInt.of(1));
    StackException e = assertThrows(
        StackException.class, () -> rollback.rollBack("app", first, OPTIONS, WAIT, 10, BUILD));

    assertTrue(
        e.getMessage()
            .contains("secret \"" + tokenName("one")
                + "\" of this revision is gone from the swarm, and a stack's history keeps only the"
                + " hash of a secret's content, never the content"),
        e.getMessage());
    assertEquals(writesBefore, engine.writes().size(), engine.writes().toString());
  }

  @Test
  void badRevisionsAreRefusedBeforeAnyWrite() {
    HistoryException none =
        assertThrows(HistoryException.class, () -> rollback.target("app", OptionalInt.empty()));
    assertTrue(none.getMessage().startsWith("stack app has no history"), none.getMessage());

    deploy(version("1", "s3cret", "info"), OPTIONS, 10);
    HistoryException onlyOne =
        assertThrows(HistoryException.class, () -> rollback.target("app", OptionalInt.empty()));
    assertEquals(
        "stack app has no revision before the current one to roll back to (it has only revision"
            + " 1); name the revision to roll back to",
        onlyOne.getMessage());
    HistoryException missing =
        assertThrows(HistoryException.class, () -> rollback.target("app", OptionalInt.of(7)));
    assertEquals("stack app has no revision 7; it has only revision 1", missing.getMessage());

    ObjectNode corrupted = revisionConfig(1).spec().deepCopy();
    corrupted.put("Name", "app.rev-2");
    corrupted.withObjectProperty("Labels").put(StackHistory.REVISION_LABEL, "2");
    corrupted.put(
        "Data", Base64.getEncoder().encodeToString("{not json".getBytes(StandardCharsets.UTF_8)));
    swarm.createConfig(corrupted);
    HistoryException unreadable =
        assertThrows(HistoryException.class, () -> rollback.target("app", OptionalInt.of(2)));
    assertTrue(
        unreadable
            .getMessage()
            .startsWith("revision 2 of stack app can't be read: config app.rev-2:"
                + " it is not a revision's JSON"),
        unreadable.getMessage());
  }

  @Test
  void aHistoryOfZeroRecordsNothing() {
    deploy(version("1", "s3cret", "info"), OPTIONS, 0);

    assertEquals(List.of(), revisionConfigs());
  }

  /** The two-service stack at a version: web's environment and its rotated secret's content change with it. */
  private static TestStack version(String version, String token, String level) {
    TestStack stack = TestStack.twoServices("app");
    stack.services.values().forEach(spec -> spec.withObjectProperty("Mode")
        .withObjectProperty("Replicated")
        .put("Replicas", 0));
    ObjectNode secret = stack.secrets.remove("app_token");
    String name = tokenName(token);
    secret.put("Name", name);
    secret.put("Data", Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)));
    stack.secrets.put(name, secret);
    ObjectNode container =
        (ObjectNode) stack.services.get("app_web").path("TaskTemplate").path("ContainerSpec");
    ((ObjectNode) container.path("Secrets").get(0)).put("SecretName", name);
    ArrayNode env = container.putArray("Env");
    env.add("LEVEL=" + level);
    env.add("VERSION=" + version);
    stack.services.get("app_web").withObjectProperty("Labels").put("version", version);
    return stack;
  }

  private static String tokenName(String content) {
    ObjectNode spec = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    spec.put("Data", Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8)));
    return VersionNames.of("app_token", ContentHash.of(spec));
  }

  private void deploy(TestStack stack, DeployOptions options, int historyMax) {
    String version =
        stack.services.get("app_web").path("Labels").path("version").asText();
    Provenance build = new Provenance(
        "dev.example:shop",
        version,
        "0123456789abcdef0123456789abcdef01234567",
        "ci",
        "runner-1",
        "0.1.0");
    new StackRollout(engine, new RecordingLog(log))
        .deploy(
            "app",
            stack.converted(),
            options,
            WAIT,
            new Recording(historyMax, build, OptionalInt.empty()));
  }

  private Map<String, JsonNode> serviceSpecs() {
    Map<String, JsonNode> specs = new TreeMap<>();
    swarm.listServices(Map.of()).forEach(service -> specs.put(service.name(), service.spec()));
    return specs;
  }

  private List<String> revisionConfigs() {
    return swarm.configNames().stream()
        .filter(name -> name.startsWith("app.rev-"))
        .toList();
  }

  private EngineObject revisionConfig(int number) {
    return swarm.listConfigs(Map.of()).stream()
        .filter(config -> config.name().equals(StackHistory.configName("app", number)))
        .findFirst()
        .orElseThrow();
  }

  private String secretId(String name) {
    return swarm.listSecrets(Map.of()).stream()
        .filter(secret -> secret.name().equals(name))
        .findFirst()
        .orElseThrow()
        .id();
  }
}
