package dev.swarmstack.swarm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.deploy.RolloutReport.Outcome;
import dev.swarmstack.swarm.history.Recording;
import dev.swarmstack.swarm.stack.StackLabels;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * {@link StackRollout} on the real swarm: waiting, failing loudly, rolling back. The cases run side by side, each on
 * its own stack, since most of their time is spent waiting for the engine. Services monitor for 1 s, not 5.
 */
@Execution(ExecutionMode.CONCURRENT)
class ConvergeIT extends EngineTestBase {

  private static final DeployOptions OPTIONS =
      new DeployOptions(true, ResolveImage.NEVER, host -> Optional.empty(), Duration.ofMinutes(1));
  private static final ConvergeOptions WAIT =
      new ConvergeOptions(false, Duration.ofSeconds(90), true, 5);
  private static final ConvergeOptions NO_ROLLBACK =
      new ConvergeOptions(false, Duration.ofSeconds(90), false, 5);

  @Test
  void aCleanDeployOfEveryModeConverges() {
    TestStack stack = new TestStack(namespace);
    stack.network("back");
    fastMonitor(stack.service("web", TestStack.IMAGE, "back"))
        .withObjectProperty("Mode")
        .withObjectProperty("Replicated")
        .put("Replicas", 2);
    ObjectNode job = stack.service("once", TestStack.IMAGE, "back"); // jobs take no update config
    job.putObject("Mode")
        .putObject("ReplicatedJob")
        .put("MaxConcurrent", 1)
        .put("TotalCompletions", 1);
    job.withObjectProperty("TaskTemplate")
        .putObject("RestartPolicy")
        .put("Condition", "on-failure");
    args(stack, "once", "true");
    fastMonitor(stack.service("idle", TestStack.IMAGE, "back"))
        .withObjectProperty("Mode")
        .withObjectProperty("Replicated")
        .put("Replicas", 0);
    ObjectNode global = fastMonitor(stack.service("agent", TestStack.IMAGE, "back"));
    global.putObject("Mode").putObject("Global");

    RolloutReport report =
        rollout().deploy(namespace, stack.converted(), OPTIONS, WAIT, Recording.off());

    assertEquals(Outcome.CONVERGED, report.outcome());
    assertEquals(
        List.of(
            "agent global converged",
            "idle replicated converged",
            "once replicated-job converged",
            "web replicated converged"),
        report.services().stream()
            .map(r -> r.service() + " " + r.mode() + " " + r.state())
            .toList(),
        log.toString());
    assertTrue(
        log.stream().anyMatch(line -> line.matches("INFO web\\s+converged in \\d+\\.\\d s")),
        log.toString());
    assertTrue(report.toJson().contains("\"outcome\" : \"converged\""), report.toJson());
  }

  @Test
  void anImageThatDoesNotExistFailsFastWithTheEnginesErrorAndAFirstDeployLeavesNothingBehind() {
    TestStack stack = TestStack.twoServices(namespace);
    fastMonitor(stack.services.get(stack.scoped("web")));
    image(stack, "worker", "local/does-not-exist:1");

    DeployFailedException failure = assertThrows(DeployFailedException.class, () -> rollout()
        .deploy(namespace, stack.converted(), OPTIONS, WAIT, Recording.off()));

    // the engine rejects the first task within seconds: the wait ends on that, not on its timeout
    String message = failure.getMessage();
    assertFalse(message.contains("timed out"), message);
    assertTrue(
        message.contains("service worker failed: task rejected")
            && message.contains("does-not-exist"),
        message);
    assertTrue(message.contains("  node:  ") && message.contains("  state: rejected"), message);
    assertTrue(message.contains("rolled back to nothing"), message);
    assertEquals(Outcome.ROLLED_BACK, failure.report().outcome());
    assertNothingLeft();
  }

  @Test
  void aTaskThatExitsNonZeroFailsWithItsLogAndWithoutRollbackStays() {
    TestStack stack = new TestStack(namespace);
    stack.network("back");
    ObjectNode crash = stack.service("crash", TestStack.IMAGE, "back");
    ((ObjectNode) crash.path("TaskTemplate").path("ContainerSpec"))
        .putArray("Args")
        .add("sh")
        .add("-c")
        .add("echo starting up; echo config missing >&2; false");
    // A busy engine may report a task that exited at once as running for several seconds: with the
    // default 5 s
    // monitor window, two such reports in a row (the task and its restart) would pass for a
    // converged service.
    crash.putObject("UpdateConfig").put("Monitor", Duration.ofSeconds(30).toNanos());

    DeployFailedException failure = assertThrows(DeployFailedException.class, () -> rollout()
        .deploy(namespace, stack.converted(), OPTIONS, NO_ROLLBACK, Recording.off()));

    String message = failure.getMessage();
    assertTrue(
        message.contains("service crash failed: task failed")
            && message.contains("non-zero exit (1)"),
        message);
    assertTrue(message.contains("    | config missing"), message);
    assertTrue(message.contains("not converged: crash"), message);
    assertTrue(message.contains("no rollback (--rollback=false)"), message);
    assertEquals(Outcome.FAILED, failure.report().outcome());
    assertTrue(
        engine.inspectService(stack.scoped("crash")).isPresent(),
        "left as the failed deploy made it");
  }

  @Test
  void anUpdateTheSwarmRollsBackFailsTheDeploy() {
    TestStack stack = new TestStack(namespace);
    stack.network("back");
    ObjectNode api = fastMonitor(stack.service("api", TestStack.IMAGE, "back"));
    rollout().deploy(namespace, stack.converted(), OPTIONS, WAIT, Recording.off());
    api.withObjectProperty("UpdateConfig")
        .put("FailureAction", "rollback")
        .put("Monitor", 5_000_000_000L);
    ((ObjectNode) api.path("TaskTemplate").path("ContainerSpec"))
        .putArray("Args")
        .add("false");

    DeployFailedException failure = assertThrows(DeployFailedException.class, () -> rollout()
        .deploy(namespace, stack.converted(), OPTIONS, NO_ROLLBACK, Recording.off()));

    assertTrue(failure.getMessage().contains("service api failed: "), failure.getMessage());
    assertEquals(Outcome.FAILED, failure.report().outcome());
  }

  @Test
  void aFailingUpdateOfOneServiceRollsTheWholeStackBack() {
    TestStack stack = TestStack.twoServices(namespace);
    stack.services.values().forEach(ConvergeIT::fastMonitor);
    fastMonitor(stack.service("cache", TestStack.IMAGE, "back"));
    rollout().deploy(namespace, stack.converted(), OPTIONS, WAIT, Recording.off());
    Map<String, ObjectNode> before = Map.of(
        "web", spec(stack, "web"), "worker", spec(stack, "worker"), "cache", spec(stack, "cache"));

    args(stack, "web", "sleep", "3601");
    args(stack, "cache", "sleep", "3602");
    image(stack, "worker", "local/does-not-exist:1");
    stack.network("extra");
    stack.secret("newtoken", "n3w");
    fastMonitor(stack.service("added", TestStack.IMAGE, "extra"));

    DeployFailedException failure = assertThrows(DeployFailedException.class, () -> rollout()
        .deploy(namespace, stack.converted(), OPTIONS, WAIT, Recording.off()));

    assertEquals(Outcome.ROLLED_BACK, failure.report().outcome(), failure.getMessage());
    assertTrue(
        failure.getMessage().contains("service worker failed")
            && failure
                .getMessage()
                .contains(
                    "rolled back: 3 service(s) restored to their previous spec, 0 pruned service(s) recreated, all converged;"
                        + " 1 new service(s) removed"),
        failure.getMessage());
    before.forEach((name, spec) -> assertEquals(
        spec.path("TaskTemplate"),
        spec(stack, name).path("TaskTemplate"),
        name + " is back on its previous spec"));
    assertEquals(Optional.empty(), engine.inspectService(stack.scoped("added")));
    assertEquals(
        List.of(stack.scoped("back")), names(engine.listNetworks(StackLabels.of(namespace))));
    assertEquals(
        List.of(stack.scoped("token")), names(engine.listSecrets(StackLabels.of(namespace))));
  }

  /** Pruning waits for convergence, so a rollback can recreate a pruned service: its config is still there. */
  @Test
  void aRollbackRecreatesThePrunedServicesAndKeepsTheirObjects() {
    TestStack stack = TestStack.twoServices(namespace);
    stack.services.values().forEach(ConvergeIT::fastMonitor);
    stack.config("legacy", "mode=old");
    fastMonitor(stack.service("legacy", TestStack.IMAGE, "back"));
    container(stack, "legacy")
        .putArray("Configs")
        .addObject()
        .put("ConfigName", stack.scoped("legacy"))
        .putObject("File")
        .put("Name", "/etc/legacy")
        .put("UID", "0")
        .put("GID", "0")
        .put("Mode", 292);
    rollout().deploy(namespace, stack.converted(), OPTIONS, WAIT, Recording.off());
    ObjectNode legacyBefore = spec(stack, "legacy");

    stack.services.remove(stack.scoped("legacy"));
    stack.configs.remove(stack.scoped("legacy"));
    image(stack, "worker", "local/does-not-exist:1");
    DeployFailedException failure = assertThrows(DeployFailedException.class, () -> rollout()
        .deploy(namespace, stack.converted(), OPTIONS, WAIT, Recording.off()));

    assertEquals(Outcome.ROLLED_BACK, failure.report().outcome(), failure.getMessage());
    assertTrue(
        failure.getMessage().contains("1 pruned service(s) recreated"), failure.getMessage());
    assertEquals(legacyBefore.path("TaskTemplate"), spec(stack, "legacy").path("TaskTemplate"));
    assertTrue(
        names(engine.listConfigs(StackLabels.of(namespace))).contains(stack.scoped("legacy")));
  }

  @Test
  void aServiceThatNeverGetsHealthyTimesOut() {
    TestStack stack = new TestStack(namespace);
    stack.network("back");
    ObjectNode stuck = fastMonitor(stack.service("stuck", TestStack.IMAGE, "back"));
    // the first health check is an hour away: the task stays "starting"
    container(stack, "stuck")
        .put("StopGracePeriod", 1_000_000_000L)
        .putObject("Healthcheck")
        .put("Interval", 3_600_000_000_000L)
        .putArray("Test")
        .add("CMD")
        .add("true");
    ConvergeOptions shortWait = new ConvergeOptions(false, Duration.ofSeconds(4), true, 5);

    DeployFailedException failure = assertThrows(DeployFailedException.class, () -> rollout()
        .deploy(namespace, stack.converted(), OPTIONS, shortWait, Recording.off()));

    assertTrue(
        failure.getMessage().contains("timed out after 4 s")
            && failure.getMessage().contains("service stuck: 0/1 running"),
        failure.getMessage());
    assertTrue(failure.getMessage().contains("rolled back to nothing"), failure.getMessage());
    // not the network: the rollback gives its container the same 4 s to stop, too short on a busy
    // machine
    assertEquals(List.of(), names(engine.listServices(StackLabels.of(namespace))));
  }

  /** The scheduler's reason ends the wait: no node will ever satisfy the constraint. */
  @Test
  void aServiceNoNodeCanTakeFailsFastWithTheSchedulersReason() {
    TestStack stack = new TestStack(namespace);
    stack.network("back");
    ObjectNode nowhere = fastMonitor(stack.service("nowhere", TestStack.IMAGE, "back"));
    nowhere
        .withObjectProperty("TaskTemplate")
        .putObject("Placement")
        .putArray("Constraints")
        .add("node.labels.swarmstack-test-never==true");

    DeployFailedException failure = assertThrows(DeployFailedException.class, () -> rollout()
        .deploy(namespace, stack.converted(), OPTIONS, WAIT, Recording.off()));

    assertFalse(failure.getMessage().contains("timed out"), failure.getMessage());
    assertTrue(
        failure
            .getMessage()
            .contains("service nowhere failed: task pending: no suitable node "
                + "(scheduling constraints not satisfied on 1 node)"),
        failure.getMessage());
    assertTrue(failure.getMessage().contains("  state: pending"), failure.getMessage());
    assertTrue(failure.getMessage().contains("rolled back to nothing"), failure.getMessage());
    assertNothingLeft();
  }

  /**
   * The 5 s monitor window counts from when the tasks started: tasks that ran before the redeploy have served it, so
   * the redeploy's first look finds every service converged and never reports one as merely running. (The first
   * deploy returned only once its tasks had run for the window.)
   */
  @Test
  void redeployingAnUnchangedStackConvergesWithoutWaitingForTheMonitorWindow() {
    TestStack stack = TestStack.twoServices(namespace);
    rollout().deploy(namespace, stack.converted(), OPTIONS, WAIT, Recording.off());
    log.clear();

    RolloutReport again =
        rollout().deploy(namespace, stack.converted(), OPTIONS, WAIT, Recording.off());

    assertEquals(Outcome.CONVERGED, again.outcome());
    // the watcher's progress lines ("web     1/1 running", "web     converged in 0.0 s"), not the
    // closing table
    List<String> progress = log.stream()
        .filter(line -> line.matches("INFO (web|worker) +(\\d+/\\d+|converged in) .*"))
        .toList();
    assertEquals(2, progress.size(), log::toString);
    assertTrue(progress.stream().allMatch(line -> line.contains("converged in")), log::toString);
  }

  private StackRollout rollout() {
    return new StackRollout(engine, deployLog);
  }

  private void assertNothingLeft() {
    Map<String, String> label = StackLabels.of(namespace);
    assertEquals(List.of(), names(engine.listServices(label)));
    assertEquals(List.of(), names(engine.listNetworks(label)));
    assertEquals(List.of(), names(engine.listSecrets(label)));
    assertEquals(List.of(), names(engine.listConfigs(label)));
  }

  private ObjectNode spec(TestStack stack, String name) {
    return engine.inspectService(stack.scoped(name)).orElseThrow().spec();
  }

  private static ObjectNode fastMonitor(ObjectNode service) {
    service.putObject("UpdateConfig").put("Parallelism", 1).put("Monitor", 1_000_000_000L);
    return service;
  }

  private static void args(TestStack stack, String service, String... args) {
    var array = container(stack, service).putArray("Args");
    for (String arg : args) {
      array.add(arg);
    }
  }

  private static void image(TestStack stack, String service, String image) {
    container(stack, service).put("Image", image);
    stack
        .services
        .get(stack.scoped(service))
        .withObjectProperty("Labels")
        .put(StackLabels.IMAGE, image);
  }

  private static ObjectNode container(TestStack stack, String service) {
    return (ObjectNode)
        stack.services.get(stack.scoped(service)).path("TaskTemplate").path("ContainerSpec");
  }
}
