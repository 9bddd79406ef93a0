package dev.swarmstack.swarm.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The failure report names the nodes that are down: a lost node often explains why a service did not converge. */
class FailureReportTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aTimeoutNamesTheNodesThatAreDown() {
    SwarmNodes w1Down =
        new SwarmNodes(Map.of("n1", "m1", "n2", "w1", "n3", "w2"), Set.of("n1", "n3"));
    assertEquals(List.of("w1 (down)"), w1Down.notLive());
    ServiceTracker web = new ServiceTracker("web", Instant.EPOCH);
    ObjectNode service = JSON.createObjectNode();
    service.putObject("Spec").putObject("Mode").putObject("Replicated").put("Replicas", 1);
    web.observe(new ServiceSnapshot(service, List.of(), w1Down, Instant.EPOCH), Instant.EPOCH);

    assertEquals(
        List.of(
            "timed out after 60 s",
            "service web: 0/1 running",
            "not converged: web",
            "node(s) not ready: w1 (down) (their tasks don't count; what only they may run waits until they are back)"),
        FailureReport.timedOut(List.of(web), "60 s", w1Down));
  }

  @Test
  void withEveryNodeUpNothingIsSaidAboutNodes() {
    SwarmNodes allUp = new SwarmNodes(Map.of("n1", "m1"), Set.of("n1"));
    assertEquals(
        List.of("timed out after 60 s", "service web: not found", "not converged: web"),
        FailureReport.timedOut(List.of(new ServiceTracker("web", Instant.EPOCH)), "60 s", allUp));
  }

  @Test
  void aNodeWithoutTheConfigOnlyNetworkGetsAHint() {
    SwarmNodes nodes = new SwarmNodes(Map.of("n1", "m1", "n2", "w1"), Set.of("n1", "n2"));
    ObjectNode service = JSON.createObjectNode();
    service.putObject("Spec").putObject("Mode").putObject("Global");
    ObjectNode rejected =
        JSON.createObjectNode().put("ID", "t1").put("NodeID", "n2").put("DesiredState", "running");
    rejected
        .putObject("Status")
        .put("State", "rejected")
        .put("Timestamp", "2026-11-29T10:00:01Z")
        .put("Err", "configuration network \"mv-config\" does not exist");
    ObjectNode rejectedAgain = rejected.deepCopy().put("ID", "t2");
    ServiceTracker app = new ServiceTracker("app", Instant.parse("2026-11-29T10:00:00Z"));
    app.observe(
        new ServiceSnapshot(
            service,
            List.of(rejected, rejectedAgain),
            nodes,
            Instant.parse("2026-11-29T10:00:00Z")),
        Instant.parse("2026-11-29T10:00:02Z"));

    List<String> report = new FailureReport(null, 0).failed(List.of(app), nodes);

    assertEquals(
        "  hint:  config-only networks are node-local: create mv-config on that node too (docker -H <that node>"
            + " network create --config-only --subnet ... --ip-range <a range of its own> -o parent=<its interface> mv-config),"
            + " or constrain the service to the nodes that have it",
        report.get(5),
        report.toString());
  }

  @Test
  void aTaskNoNodeTookHasNoLogToShow() {
    SwarmNodes w1Down = new SwarmNodes(Map.of("n1", "m1", "n2", "w1"), Set.of("n1"));
    ObjectNode service = JSON.createObjectNode();
    service.putObject("Spec").putObject("Mode").putObject("Replicated").put("Replicas", 1);
    ObjectNode pending =
        JSON.createObjectNode().put("ID", "t1").put("Slot", 1).put("DesiredState", "running");
    pending
        .putObject("Status")
        .put("State", "pending")
        .put("Err", "no suitable node (1 node not available for new tasks)");
    ServiceTracker web = new ServiceTracker("web", Instant.EPOCH);
    web.observe(
        new ServiceSnapshot(service, List.of(pending), w1Down, Instant.EPOCH), Instant.EPOCH);
    web.observe(
        new ServiceSnapshot(service, List.of(pending), w1Down, Instant.EPOCH),
        Instant.EPOCH.plusSeconds(6));

    List<String> report = new FailureReport(null, 20).failed(List.of(web), w1Down);

    assertEquals("  log:   (none: no node took the task)", report.get(5), report.toString());
    assertEquals(
        "node(s) not ready: w1 (down) (their tasks don't count; what only they may run waits until they are back)",
        report.get(report.size() - 1));
  }
}
