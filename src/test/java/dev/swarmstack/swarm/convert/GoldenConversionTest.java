package dev.swarmstack.swarm.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.compose.LoadedStack;
import dev.swarmstack.swarm.compose.SourceMap;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whole stacks against reviewed golden JSON. Each input is what {@code docker stack config} printed for a
 * conformance case ({@code src/test/resources/convert/cases}); ConverterConformanceIT shows on the engine that
 * the CLI sends the same for it. Regenerate with {@code -Dswarm.updateGolden=true} and review the diff.
 */
class GoldenConversionTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {"full", "modes", "external"})
  void matchesGolden(String name) throws Exception {
    Path dir = goldenDir();
    var compose = Stacks.parse(Files.readString(dir.resolve(name + ".stack.yml")));
    ConvertedStack converted = new StackConverter("golden", key -> Optional.empty())
        .convert(new LoadedStack(compose, new SourceMap(), List.of(), dir));
    ObjectNode all = JSON.createObjectNode();
    all.set("networks", JSON.valueToTree(converted.networks()));
    all.set("externalNetworks", JSON.valueToTree(converted.externalNetworks()));
    all.set("secrets", JSON.valueToTree(converted.secrets()));
    all.set("configs", JSON.valueToTree(converted.configs()));
    all.set("services", JSON.valueToTree(converted.services()));
    String actual = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(all) + "\n";

    Path golden = Path.of("src/test/resources/convert/golden", name + ".expected.json");
    if (Boolean.getBoolean("swarm.updateGolden")) {
      Files.writeString(golden, actual);
    }
    assertEquals(Files.readString(dir.resolve(name + ".expected.json")), actual);
  }

  private static Path goldenDir() throws URISyntaxException {
    return Path.of(GoldenConversionTest.class.getResource("/convert/golden").toURI());
  }
}
