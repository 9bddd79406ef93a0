package dev.swarmstack.swarm.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The node filter of swarmkit's scheduler, as far as naming the nodes a global service is left without needs it. */
class PlacementTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String NODE = """
      {"ID": "n1abc", "Status": {"State": "down", "Addr": "10.0.3.7"},
       "Spec": {"Role": "worker", "Availability": "active", "Labels": {"Zone": "east", "ssd": "true"}},
       "Description": {"Hostname": "w1", "Platform": {"OS": "linux", "Architecture": "x86_64"},
                       "Engine": {"Labels": {"tier": "edge"}}}}
      """;

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "node.role==worker | true",
        "node.role == manager | false",
        "node.role!=manager | true",
        "NODE.HOSTNAME==W1 | true",
        "node.id==n1abc | true",
        "node.labels.Zone==EAST | true",
        "node.labels.zone==east | false",
        "Node.Labels.Zone==east | true",
        "node.labels.missing!=x | true",
        "engine.labels.tier==edge | true",
        "node.platform.os==linux | true",
        "node.platform.arch==x86_64 | true",
        "node.ip==10.0.3.7 | true",
        "node.ip==10.0.3.0/24 | true",
        "node.ip!=10.0.0.0/24 | true",
        "node.ip==not-an-address | false",
        "node.color==blue | false",
        "no operator | false"
      })
  void aConstraintMatchesAsSwarmkitMatchesIt(String constraint, boolean admitted) throws Exception {
    assertEquals(
        admitted,
        Placement.admits(placement("{\"Constraints\": [\"" + constraint + "\"]}"), node()));
  }

  @Test
  void everyConstraintMustHold() throws Exception {
    assertEquals(
        false,
        Placement.admits(
            placement("{\"Constraints\": [\"node.role==worker\", \"node.labels.ssd==false\"]}"),
            node()));
    assertEquals(true, Placement.admits(placement("{}"), node()));
  }

  @Test
  void aPlatformMatchesByOsAndArchitectureInEitherSpelling() throws Exception {
    assertEquals(
        true,
        Placement.admits(
            placement("{\"Platforms\": [{\"OS\": \"linux\", \"Architecture\": \"amd64\"}]}"),
            node()));
    assertEquals(
        false,
        Placement.admits(
            placement("{\"Platforms\": [{\"OS\": \"linux\", \"Architecture\": \"arm64\"}]}"),
            node()));
    assertEquals(
        true,
        Placement.admits(
            placement(
                "{\"Platforms\": [{\"OS\": \"windows\"}, {\"Architecture\": \"amd64\", \"OS\": \"linux\"}]}"),
            node()));
  }

  private static JsonNode placement(String json) throws Exception {
    return JSON.readTree(json);
  }

  private static JsonNode node() throws Exception {
    return JSON.readTree(NODE);
  }
}
