package dev.swarmstack.swarm.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.deploy.DeployPlan.ServiceWrite;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The field-level changes of the services a plan updates, as people read them: {@code replicas 2 -> 3},
 * {@code image local/app:1.2 -> local/app:1.3}. Both sides are normalised as for the comparison that decided the
 * update. Specs hold no secret value (only references), so none can show here.
 */
final class FieldChanges {

  /** Known paths by their compose-ish names; any other field is named by its path in the spec. */
  private static final Map<String, String> NAMES = Map.of(
      "/Mode/Replicated/Replicas", "replicas",
      "/TaskTemplate/ContainerSpec/Image", "image",
      "/TaskTemplate/ContainerSpec/Args", "command",
      "/TaskTemplate/ContainerSpec/Command", "entrypoint",
      "/TaskTemplate/ContainerSpec/Env", "environment",
      "/Labels", "labels",
      "/TaskTemplate/ContainerSpec/Labels", "container labels",
      "/EndpointSpec/Ports", "ports");

  private static final int LONGEST_VALUE = 80;

  private FieldChanges() {}

  /** One line per changed field of the service {@code name}, if the plan updates it. */
  static List<String> of(DeployPlan plan, String name) {
    List<String> lines = new ArrayList<>();
    for (ServiceWrite write : plan.serviceWrites) {
      if (write.existing() != null && write.name().equals(name)) {
        ObjectNode desired = SpecComparison.normalise(ServicePlanner.asStored(plan, write));
        ObjectNode existing = SpecComparison.normalise(write.existing().spec());
        for (String path : SpecComparison.differences(desired, existing)) {
          lines.add(NAMES.getOrDefault(path, path) + " " + show(existing.at(path)) + " -> " + show(desired.at(path)));
        }
      }
    }
    return lines;
  }

  private static String show(JsonNode value) {
    String text = value.isMissingNode() ? "(unset)" : value.isValueNode() ? value.asText() : value.toString();
    return text.length() > LONGEST_VALUE ? text.substring(0, LONGEST_VALUE - 3) + "..." : text;
  }
}
