package dev.swarmstack.swarm.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.problem.Origin;
import dev.swarmstack.swarm.problem.Problem;
import dev.swarmstack.swarm.problem.Problems;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InterpolatorTest {

  private final Problems problems = new Problems();
  private final Map<String, String> env = Map.of("A", "a", "EMPTY", "");

  private String interpolate(String text) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("value", text);
    SourceMap origins = new SourceMap();
    origins.put(SourceMap.pointer("value"), new Origin("f.yml:1:8"));
    new Interpolator(name -> Optional.ofNullable(env.get(name)), problems)
        .interpolate(new SourceTree(root, origins));
    return root.get("value").asText();
  }

  @Test
  void substitutesLikeDocker() {
    assertEquals("$A a a-x", interpolate("$$A $A ${A}-x"));
    assertEquals("d|d|d|", interpolate("${UNSET:-d}|${EMPTY:-d}|${UNSET-d}|${EMPTY-d}"));
    assertEquals("a", interpolate("${A:?message}"));
    assertEquals("", interpolate("${EMPTY?message}"));
    assertEquals(List.of(), problems.all());
  }

  @Test
  void theOperatorIsWhatFollowsTheName() {
    // docker/cli would read "${A:?use a-b}" as a default ("-b") for a variable named "A:?use a"
    assertEquals("a", interpolate("${A:?use a-b}"));
  }

  @Test
  void unsetVariableIsBlankWithAWarning() {
    assertEquals("x--y", interpolate("x-${UNSET}-y"));
    assertEquals(
        List.of(Problem.warning(
            new Origin("f.yml:1:8"),
            "The \"UNSET\" variable is not set. Defaulting to a blank string.")),
        problems.all());
  }

  @Test
  void missingRequiredVariablesAndBadTemplatesAreErrorsAtTheValue() {
    interpolate("${EMPTY:?set EMPTY}");
    interpolate("${UNSET?set UNSET}");
    interpolate("cost: $5");
    assertEquals(
        List.of(
            "f.yml:1:8: required variable EMPTY is missing a value: set EMPTY (set it in the environment, as a Maven property or in .env)",
            "f.yml:1:8: required variable UNSET is missing a value: set UNSET (set it in the environment, as a Maven property or in .env)",
            "f.yml:1:8: invalid interpolation format \"cost: $5\": use ${VAR} or $VAR, and $$ for a literal $"),
        problems.all().stream().map(Problem::toString).toList());
  }
}
