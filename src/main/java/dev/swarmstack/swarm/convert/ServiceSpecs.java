package dev.swarmstack.swarm.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.problem.Origin;
import dev.swarmstack.swarm.problem.Problems;
import java.util.Map;

/** Operations on converted ServiceSpecs that need the engine's answers. */
public final class ServiceSpecs {

  private ServiceSpecs() {}

  /**
   * A copy of {@code spec} with every secret and config reference given the ID of the object of its name,
   * and a credential spec naming a config given that config's ID, as the CLI sends them.
   *
   * @throws dev.swarmstack.swarm.problem.StackException {@code secret not found: X} / {@code config not found:
   *     X} for every name missing from the maps (e.g. an external object that was never created)
   */
  public static ObjectNode withObjectIds(
      ObjectNode spec, Map<String, String> secretIdsByName, Map<String, String> configIdsByName) {
    ObjectNode copy = spec.deepCopy();
    JsonNode container = copy.path("TaskTemplate").path("ContainerSpec");
    Problems problems = new Problems();
    fill(container.path("Secrets"), "SecretName", "SecretID", secretIdsByName, "secret", problems);
    fill(container.path("Configs"), "ConfigName", "ConfigID", configIdsByName, "config", problems);
    JsonNode credentialSpec = container.path("Privileges").path("CredentialSpec");
    if (credentialSpec instanceof ObjectNode credential
        && !credential.path("Config").asText().isEmpty()) {
      String name = credential.get("Config").asText();
      String id = configIdsByName.get(name);
      if (id != null) {
        credential.put("Config", id);
      }
    }
    problems.throwIfErrors();
    return copy;
  }

  private static void fill(
      JsonNode references,
      String nameField,
      String idField,
      Map<String, String> ids,
      String kind,
      Problems problems) {
    for (JsonNode reference : references) {
      String name = reference.path(nameField).asText();
      String id = ids.get(name);
      if (id == null) {
        problems.error(
            Origin.UNKNOWN,
            kind + " not found: " + name
                + " (an external " + kind
                + " must exist before the stack is deployed: create it with docker " + kind
                + " create)");
      } else {
        ((ObjectNode) reference).put(idField, id);
      }
    }
  }
}
