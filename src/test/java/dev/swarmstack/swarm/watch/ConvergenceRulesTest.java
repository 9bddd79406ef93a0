package dev.swarmstack.swarm.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.watch.Verdict.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The convergence rules and the stability window, fed with task JSON as the engine lists it. */
class ConvergenceRulesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant DEPLOYED = Instant.parse("2026-11-29T10:00:00Z");
  private static final SwarmNodes NODES =
      new SwarmNodes(Map.of("n1", "node-1", "n2", "node-2"), Set.of("n1", "n2"));

  @Test
  void replicatedCountsRunningTasksOnLiveNodes() {
    ObjectNode service = replicated(3);
    assertVerdict(
        Kind.PROGRESSING,
        "2/3 running",
        service,
        task("running", "n1"),
        task("running", "n2"),
        task("preparing", "n1"));
    assertVerdict(
        Kind.RUNNING,
        "3/3 running",
        service,
        task("running", "n1"),
        task("running", "n2"),
        task("running", "n1"));
    SwarmNodes oneDown = new SwarmNodes(NODES.hostnames(), Set.of("n1"));
    Verdict verdict = ConvergenceRules.judge(new ServiceSnapshot(
        service,
        List.of(task("running", "n1"), task("running", "n2"), task("running", "n1")),
        oneDown,
        DEPLOYED));
    assertEquals("2/3 running", verdict.progress());
  }

  @Test
  void zeroReplicasAreDoneAtOnce() {
    assertVerdict(Kind.DONE, "0 replicas", replicated(0));
  }

  @Test
  void aFirstFailureTheSwarmRetriesIsProgressNamingNodeAndError() {
    ObjectNode hiccup = task("failed", "n1");
    hiccup
        .withObjectProperty("Status")
        .put("Err", "starting container failed: error running hook #0: exit status 1");
    assertVerdict(
        Kind.PROGRESSING,
        "0/1 running (the swarm starts it again after task failed on node-1: starting"
            + " container failed: error running hook #0: exit status 1)",
        replicated(1),
        hiccup);
    assertVerdict(Kind.RUNNING, "1/1 running", replicated(1), hiccup, task("running", "n2"));
  }

  @Test
  void aSlotThatFailsAgainFailsTheServiceNamingTheLatestFailure() {
    ObjectNode first = rejected("n1", "2026-11-29T10:00:01Z");
    ObjectNode again = rejected("n2", "2026-11-29T10:00:07Z");
    Verdict verdict = ConvergenceRules.judge(snapshot(replicated(1), first, again));
    assertEquals(
        "FAILED task rejected on node-2: No such image: local/does-not-exist:1", describe(verdict));
    assertEquals(List.of(again, first), verdict.failedTasks());

    ObjectNode otherSlot = rejected("n1", "2026-11-29T10:00:07Z").put("Slot", 2);
    assertEquals(
        Kind.PROGRESSING,
        ConvergenceRules.judge(snapshot(replicated(2), first, otherSlot)).kind());
  }

  @Test
  void aGlobalServiceFailsWhenOneNodeFailsTwice() {
    ObjectNode global = service("{\"Global\":{}}");
    ObjectNode onN1 = rejected("n1", "2026-11-29T10:00:01Z").put("Slot", 0);
    ObjectNode onN2 = rejected("n2", "2026-11-29T10:00:02Z").put("Slot", 0);
    assertEquals(
        Kind.PROGRESSING, ConvergenceRules.judge(snapshot(global, onN1, onN2)).kind());
    ObjectNode onN1Again = rejected("n1", "2026-11-29T10:00:07Z").put("Slot", 0);
    assertEquals(
        Kind.FAILED,
        ConvergenceRules.judge(snapshot(global, onN1, onN2, onN1Again)).kind());
  }

  @Test
  void aServiceTheSwarmWontRestartFailsAtItsFirstFailure() {
    ObjectNode service = replicated(1);
    service
        .withObjectProperty("Spec")
        .putObject("TaskTemplate")
        .putObject("RestartPolicy")
        .put("Condition", "none");
    assertVerdict(
        Kind.FAILED,
        "task rejected on node-1: No such image: local/does-not-exist:1",
        service,
        rejected("n1", "2026-11-29T10:00:01Z"));
  }

  @Test
  void aTaskKilledWhileTheSwarmStopsItIsNoFailure() {
    ObjectNode replaced = task("failed", "n1");
    replaced
        .put("DesiredState", "shutdown")
        .withObjectProperty("Status")
        .put("Err", "task: non-zero exit (137)");
    assertVerdict(
        Kind.RUNNING,
        "1/1 running",
        replicated(1),
        replaced,
        replaced.deepCopy(),
        task("running", "n1"));

    ObjectNode crashed = task("failed", "n1");
    crashed.withObjectProperty("Status").put("Err", "task: non-zero exit (137)");
    assertVerdict(
        Kind.FAILED,
        "task failed on node-1: task: non-zero exit (137)",
        replicated(1),
        crashed,
        crashed.deepCopy(),
        task("running", "n1"));
  }

  @Test
  void aFailureFromBeforeTheDeployIsHistory() {
    ObjectNode old = task("failed", "n1");
    old.withObjectProperty("Status").put("Timestamp", "2026-11-29T09:59:00Z");
    assertVerdict(Kind.RUNNING, "1/1 running", replicated(1), old, task("running", "n1"));
  }

  @Test
  void aPausedOrRolledBackUpdateIsAFailure() {
    ObjectNode paused = replicated(1);
    paused
        .putObject("UpdateStatus")
        .put("State", "paused")
        .put("Message", "update paused due to failure");
    assertVerdict(Kind.FAILED, "the swarm paused the update: update paused due to failure", paused);
    ObjectNode rolledBack = replicated(1);
    rolledBack.putObject("UpdateStatus").put("State", "rollback_completed");
    assertVerdict(
        Kind.FAILED, "the swarm rolled the update back", rolledBack, task("running", "n1"));
  }

  @Test
  void globalWaitsForTasksThenForEveryNodeThatGotOne() {
    ObjectNode global = service("{\"Global\":{}}");
    assertVerdict(Kind.PROGRESSING, "waiting for tasks", global);
    assertVerdict(
        Kind.PROGRESSING,
        "1/2 nodes running",
        global,
        task("running", "n1"),
        task("starting", "n2"));
    assertVerdict(
        Kind.RUNNING, "2/2 nodes running", global, task("running", "n1"), task("running", "n2"));
  }

  @Test
  void globalCoversTheNodesThatStillRunAnOlderTaskDuringARollingUpdate() {
    ObjectNode global = service("{\"Global\":{}}");
    ObjectNode olderOnN2 = task("running", "n2");
    ServiceSnapshot midUpdate = new ServiceSnapshot(
        global,
        List.of(task("running", "n1")),
        NODES,
        DEPLOYED,
        List.of(task("running", "n1"), olderOnN2));
    assertEquals("PROGRESSING 1/2 nodes running", describe(ConvergenceRules.judge(midUpdate)));
    SwarmNodes n2Down = new SwarmNodes(NODES.hostnames(), Set.of("n1"));
    ServiceSnapshot n2Lost = new ServiceSnapshot(
        global,
        List.of(task("running", "n1")),
        n2Down,
        DEPLOYED,
        List.of(task("running", "n1"), olderOnN2));
    assertEquals(
        "RUNNING 1/1 nodes running, left out: node-2 (down)",
        describe(ConvergenceRules.judge(n2Lost)));
  }

  /**
   * Issue 13, item 2: node-2 was killed before the deploy. The update's task for it waits, pending, with the
   * scheduler's "not available for new tasks": that is no block, the service converges on the nodes that are up and
   * names the one left out, also once converged.
   */
  @Test
  void aGlobalServiceConvergesWithoutANodeThatIsNotReadyAndNamesIt() {
    ObjectNode global = service("{\"Global\":{}}");
    ObjectNode waitingForN2 = task("pending", "n2");
    waitingForN2.withObjectProperty("Status").put("Err", "1 node not available for new tasks");
    SwarmNodes n2Lost =
        new SwarmNodes(NODES.hostnames(), Set.of("n1"), Map.of("n1", "ready", "n2", "unknown"));
    ServiceSnapshot snapshot =
        new ServiceSnapshot(global, List.of(task("running", "n1"), waitingForN2), n2Lost, DEPLOYED);
    assertEquals(
        "RUNNING 1/1 nodes running, left out: node-2 (unknown)",
        describe(ConvergenceRules.judge(snapshot)));

    ServiceTracker tracker = new ServiceTracker("agent", DEPLOYED);
    tracker.observe(snapshot, DEPLOYED.plusSeconds(1));
    assertEquals(
        "converged in 6.0 s, left out: node-2 (unknown)",
        tracker.observe(snapshot, DEPLOYED.plusSeconds(6)).orElseThrow());
    assertEquals(", left out: node-2 (unknown)", tracker.leftOut());
  }

  /**
   * Issue 13, item 2: node-2 was down before the deploy, so the swarm gave it no task at all; the service converges on
   * node-1 and names node-2 by the placement it would match. A drained node, or one the constraints exclude, is not
   * left out: the service was never meant to run there.
   */
  @Test
  void aGlobalServiceNamesADownNodeThatHoldsNoTaskByItsPlacement() throws Exception {
    ObjectNode global = service("{\"Global\":{}}");
    global
        .withObjectProperty("Spec")
        .withObjectProperty("TaskTemplate")
        .withObjectProperty("Placement")
        .putArray("Constraints")
        .add("node.labels.agent!=no");
    SwarmNodes nodes = SwarmNodes.of(List.of(
        JSON.readTree(
            "{\"ID\":\"n1\",\"Description\":{\"Hostname\":\"node-1\"},\"Status\":{\"State\":\"ready\"}}"),
        JSON.readTree(
            "{\"ID\":\"n2\",\"Description\":{\"Hostname\":\"node-2\"},\"Status\":{\"State\":\"down\"}}"),
        JSON.readTree(
            "{\"ID\":\"n3\",\"Description\":{\"Hostname\":\"node-3\"},\"Status\":{\"State\":\"down\"},"
                + "\"Spec\":{\"Availability\":\"drain\"}}"),
        JSON.readTree(
            "{\"ID\":\"n4\",\"Description\":{\"Hostname\":\"node-4\"},\"Status\":{\"State\":\"down\"},"
                + "\"Spec\":{\"Labels\":{\"agent\":\"no\"}}}")));
    ServiceSnapshot snapshot =
        new ServiceSnapshot(global, List.of(task("running", "n1")), nodes, DEPLOYED);
    assertEquals(
        "RUNNING 1/1 nodes running, left out: node-2 (down)",
        describe(ConvergenceRules.judge(snapshot)));
  }

  @Test
  void onlyReadyNodesAreLive() throws Exception {
    SwarmNodes nodes = SwarmNodes.of(
        List.of(
            JSON.readTree(
                "{\"ID\":\"a\",\"Description\":{\"Hostname\":\"m1\"},\"Status\":{\"State\":\"ready\"}}"),
            JSON.readTree(
                "{\"ID\":\"b\",\"Description\":{\"Hostname\":\"m2\"},\"Status\":{\"State\":\"unknown\"}}"),
            JSON.readTree(
                "{\"ID\":\"c\",\"Description\":{\"Hostname\":\"m3\"},\"Status\":{\"State\":\"down\"}}")));
    assertEquals(Set.of("a"), nodes.live());
    assertEquals(List.of("m2 (unknown)", "m3 (down)"), nodes.notLive());
  }

  @Test
  void aTaskNoNodeCanTakeBlocksTheServiceAndFailsItAfterTheGrace() {
    ObjectNode service = replicated(2);
    ObjectNode pending = task("pending", "");
    pending
        .withObjectProperty("Status")
        .put("Err", "no suitable node (scheduling constraints not satisfied on 2 nodes)");
    assertVerdict(
        Kind.BLOCKED,
        "task pending: no suitable node (scheduling constraints not satisfied on 2 nodes)",
        service,
        task("running", "n1"),
        pending);
    ObjectNode globalPending = task("pending", "n2");
    globalPending.withObjectProperty("Status").put("Err", "1 node not available for new tasks");
    assertVerdict(
        Kind.BLOCKED,
        "task pending on node-2: 1 node not available for new tasks",
        service("{\"Global\":{}}"),
        globalPending);
    assertVerdict(
        Kind.PROGRESSING, "1/2 running", service, task("running", "n1"), task("pending", ""));

    ServiceTracker tracker = new ServiceTracker("api", DEPLOYED);
    tracker.observe(snapshot(service, pending), DEPLOYED.plusSeconds(1));
    tracker.observe(snapshot(service, pending), DEPLOYED.plusSeconds(5));
    assertEquals(Kind.BLOCKED, tracker.verdict().kind(), "the scheduler may still find a node");
    tracker.observe(snapshot(service, pending), DEPLOYED.plusSeconds(6));
    assertTrue(tracker.isFailed());
    assertEquals(
        "task pending: no suitable node (scheduling constraints not satisfied on 2 nodes) (for 5.0 s)",
        tracker.verdict().progress());
    assertEquals(List.of(pending), tracker.verdict().failedTasks());
  }

  @Test
  void aBlockThatClearsStartsTheGraceOver() {
    ObjectNode service = replicated(1);
    ObjectNode pending = task("pending", "");
    pending
        .withObjectProperty("Status")
        .put("Err", "no suitable node (max replicas per node limit exceed)");
    ServiceTracker tracker = new ServiceTracker("api", DEPLOYED);
    tracker.observe(snapshot(service, pending), DEPLOYED.plusSeconds(1));
    tracker.observe(snapshot(service, task("assigned", "n1")), DEPLOYED.plusSeconds(4));
    tracker.observe(snapshot(service, pending), DEPLOYED.plusSeconds(5));
    tracker.observe(snapshot(service, pending), DEPLOYED.plusSeconds(9));
    assertEquals(Kind.BLOCKED, tracker.verdict().kind());
  }

  @Test
  void aJobIsDoneWhenEveryCompletionOfTheCurrentIterationIs() {
    ObjectNode job = service("{\"ReplicatedJob\":{\"MaxConcurrent\":1,\"TotalCompletions\":2}}");
    job.putObject("JobStatus").putObject("JobIteration").put("Index", 7);
    ObjectNode earlier = task("complete", "n1");
    earlier.putObject("JobIteration").put("Index", 3);
    ObjectNode done = task("complete", "n1");
    done.putObject("JobIteration").put("Index", 7);
    assertVerdict(Kind.PROGRESSING, "1/2 completed", job, earlier, done);
    assertVerdict(Kind.DONE, "2/2 completed", job, done, done.deepCopy());
  }

  @Test
  void aRunningServiceConvergesAfterItsMonitorPeriodAndStartsOverWhenATaskStops() {
    ObjectNode service = replicated(1);
    service.withObjectProperty("Spec").putObject("UpdateConfig").put("Monitor", 2_000_000_000L);
    ServiceTracker tracker = new ServiceTracker("api", DEPLOYED);
    Instant t = DEPLOYED.plusSeconds(1);
    assertEquals(
        Optional.of("1/1 running"), tracker.observe(snapshot(service, task("running", "n1")), t));
    assertEquals(
        Optional.of("0/1 running"),
        tracker.observe(snapshot(service, task("starting", "n1")), t.plusSeconds(1)));
    assertEquals(
        Optional.of("1/1 running"),
        tracker.observe(snapshot(service, task("running", "n1")), t.plusSeconds(2)));
    assertEquals(Optional.of(t.plusSeconds(4)), tracker.windowEnd());
    assertEquals(
        Optional.empty(),
        tracker.observe(snapshot(service, task("running", "n1")), t.plusSeconds(3)));
    assertEquals(
        Optional.of("converged in 5.0 s"),
        tracker.observe(snapshot(service, task("running", "n1")), t.plusSeconds(4)));
    assertTrue(tracker.isConverged());
    assertEquals(Optional.of(Duration.ofSeconds(5)), tracker.convergedAfter());
  }

  @Test
  void tasksRunningSinceBeforeTheDeployHaveServedTheirWindowNewOnesAreTimedFromWhenSeen() {
    ObjectNode service = replicated(2);
    ObjectNode longRunning = task("running", "n1");
    longRunning.withObjectProperty("Status").put("Timestamp", "2026-11-29T08:00:00Z");
    ServiceTracker unchanged = new ServiceTracker("api", DEPLOYED);
    assertEquals(
        Optional.of("converged in 0.5 s"),
        unchanged.observe(snapshot(service, longRunning, longRunning), DEPLOYED.plusMillis(500)));

    ServiceTracker fresh = new ServiceTracker("api", DEPLOYED);
    fresh.observe(snapshot(service, longRunning, task("running", "n2")), DEPLOYED.plusSeconds(4));
    assertEquals(
        Optional.of(DEPLOYED.plusSeconds(9)),
        fresh.windowEnd(),
        "a task of this deploy: 5 s from now");

    ServiceTracker wasDown = new ServiceTracker("api", DEPLOYED);
    wasDown.observe(snapshot(service, longRunning), DEPLOYED.plusSeconds(1));
    wasDown.observe(snapshot(service, longRunning, longRunning), DEPLOYED.plusSeconds(2));
    assertEquals(
        Optional.of(DEPLOYED.plusSeconds(7)),
        wasDown.windowEnd(),
        "seen not running: 5 s from now");
  }

  @Test
  void theMonitorPeriodDefaultsToFiveSeconds() {
    assertEquals(Duration.ofSeconds(5), ConvergenceRules.monitor(replicated(1)));
  }

  private static void assertVerdict(
      Kind kind, String progress, ObjectNode service, ObjectNode... tasks) {
    assertEquals(kind + " " + progress, describe(ConvergenceRules.judge(snapshot(service, tasks))));
  }

  private static String describe(Verdict verdict) {
    return verdict.kind() + " " + verdict.progress();
  }

  private static ServiceSnapshot snapshot(ObjectNode service, ObjectNode... tasks) {
    return new ServiceSnapshot(service, List.of(tasks), NODES, DEPLOYED);
  }

  private static ObjectNode replicated(int replicas) {
    return service("{\"Replicated\":{\"Replicas\":" + replicas + "}}");
  }

  private static ObjectNode service(String mode) {
    try {
      return (ObjectNode)
          JSON.readTree("{\"ID\":\"s1\",\"Spec\":{\"Name\":\"app_api\",\"Mode\":" + mode + "}}");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static ObjectNode rejected(String node, String at) {
    ObjectNode task = task("rejected", node).put("ID", "t-rejected-" + at);
    task.withObjectProperty("Status")
        .put("Err", "No such image: local/does-not-exist:1")
        .put("Timestamp", at);
    return task;
  }

  private static ObjectNode task(String state, String node) {
    ObjectNode task = JSON.createObjectNode()
        .put("ID", "t-" + state)
        .put("NodeID", node)
        .put("Slot", 1)
        .put("DesiredState", state.equals("complete") ? "complete" : "running");
    task.putObject("Status").put("State", state).put("Timestamp", "2026-11-29T10:00:01Z");
    return task;
  }
}
