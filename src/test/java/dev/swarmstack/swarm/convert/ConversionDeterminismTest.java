package dev.swarmstack.swarm.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.compose.StackLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Loading and converting the same stack twice gives byte-identical specs: a plan or a generated file that differs
 * between two runs would show a change without a cause. What the specs must be is DeployDifferentialIT's business,
 * with the CLI as the oracle; these are its broadest cases.
 */
class ConversionDeterminismTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {"full", "modes", "external"})
  void convertingTwiceGivesTheSameSpecs(String name) throws Exception {
    Path file = Path.of(ConversionDeterminismTest.class
        .getResource("/differential/" + name + "/stack.yml")
        .toURI());
    assertEquals(converted(file), converted(file));
  }

  private static String converted(Path file) throws Exception {
    Map<String, String> variables =
        new TreeMap<>(Map.of("DIFFTEST_SUFFIX", "twice", "DIFFTEST_EXTERNAL", "outside"));
    for (int port = 1; port <= 6; port++) {
      variables.put("DIFFTEST_PORT" + port, Integer.toString(20_000 + port));
    }
    ConvertedStack converted = new StackConverter("twice", key -> Optional.empty())
        .convert(new StackLoader(key -> Optional.ofNullable(variables.get(key)))
            .load(List.of(file), null, file.getParent()));
    ObjectNode all = JSON.createObjectNode();
    all.set("networks", JSON.valueToTree(converted.networks()));
    all.set("externalNetworks", JSON.valueToTree(converted.externalNetworks()));
    all.set("secrets", JSON.valueToTree(converted.secrets()));
    all.set("configs", JSON.valueToTree(converted.configs()));
    all.set("services", JSON.valueToTree(converted.services()));
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(all);
  }
}
