package dev.swarmstack.swarm.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.convert.ConvertedStack;
import dev.swarmstack.swarm.stack.DeployLog;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Service fields that older engines don't know. Such an engine drops them without a word, so the deployed spec never
 * has them and an unchanged stack would be updated on every deploy. They are left out before planning, with a
 * warning that says what is lost (the CLI sends them and says nothing).
 */
final class NewerApiFields {

  private record Field(String parent, String name, String composeKey, String minimumApi) {}

  private static final List<Field> FIELDS = List.of(
      new Field(
          "/TaskTemplate/ContainerSpec/Healthcheck",
          "StartInterval",
          "healthcheck.start_interval",
          "1.44"),
      new Field("/TaskTemplate/ContainerSpec", "OomScoreAdj", "oom_score_adj", "1.46"));

  private NewerApiFields() {}

  /** The stack without the service fields {@code apiVersion} lacks; the same stack when there are none. */
  static ConvertedStack withoutUnsupported(ConvertedStack stack, String apiVersion, DeployLog log) {
    SortedMap<String, ObjectNode> services = new TreeMap<>();
    stack.services().forEach((name, spec) -> {
      ObjectNode copy = spec.deepCopy();
      for (Field field : FIELDS) {
        if (older(apiVersion, field.minimumApi())
            && copy.at(field.parent()) instanceof ObjectNode parent
            && parent.remove(field.name()) != null) {
          log.warn("Service " + name + ": " + field.composeKey() + " needs Engine API "
              + field.minimumApi() + "; this engine speaks " + apiVersion
              + " and would ignore it, so it is not sent");
        }
      }
      services.put(name, copy);
    });
    return stack.withServices(services);
  }

  /** Whether {@code version} ("1.41") is older than {@code minimum}; an unknown version counts as new. */
  static boolean older(String version, String minimum) {
    int[] have = parse(version);
    int[] need = parse(minimum);
    if (have == null) {
      return false;
    }
    return have[0] != need[0] ? have[0] < need[0] : have[1] < need[1];
  }

  private static int[] parse(String version) {
    String[] parts = version == null ? new String[0] : version.split("\\.");
    try {
      return parts.length == 2
          ? new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])}
          : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
