package dev.swarmstack.swarm.converge;

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
    SwarmNodes w1Down = new SwarmNodes(Map.of("n1", "m1", "n2", "w1", "n3", "w2"), Set.of("n1", "n3"));
    assertEquals(List.of("w1"), w1Down.down());
    ServiceTracker web = new ServiceTracker("web", Instant.EPOCH);
    ObjectNode service = JSON.createObjectNode();
    service.putObject("Spec").putObject("Mode").putObject("Replicated").put("Replicas", 1);
    web.observe(new ServiceSnapshot(service, List.of(), w1Down, Instant.EPOCH), Instant.EPOCH);

    assertEquals(List.of("timed out after 60 s", "service web: 0/1 running", "not converged: web",
            "node(s) down: w1 (their tasks don't count; what only they may run waits until they are back)"),
        FailureReport.timedOut(List.of(web), "60 s", w1Down));
  }

  @Test
  void withEveryNodeUpNothingIsSaidAboutNodes() {
    SwarmNodes allUp = new SwarmNodes(Map.of("n1", "m1"), Set.of("n1"));
    assertEquals(List.of("timed out after 60 s", "service web: not found", "not converged: web"),
        FailureReport.timedOut(List.of(new ServiceTracker("web", Instant.EPOCH)), "60 s", allUp));
  }
}
