package dev.swarmstack.swarm.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.convert.ConvertedStack;
import dev.swarmstack.swarm.convert.ServiceSpecs;
import dev.swarmstack.swarm.deploy.DeployPlan.Kind;
import dev.swarmstack.swarm.deploy.DeployPlan.ServiceWrite;
import dev.swarmstack.swarm.deploy.PlannedChange.Change;
import dev.swarmstack.swarm.engine.EngineObject;
import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.problem.Origin;
import dev.swarmstack.swarm.problem.Problems;
import dev.swarmstack.swarm.stack.DeployLog;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Decides, per service, between create, update and nothing; pins images on the way. */
final class ServicePlanner {

  /** Differences named in an update's plan line; more are summarised as a count. */
  private static final int SHOWN_DIFFERENCES = 3;

  private final ImagePinning images;

  ServicePlanner(SwarmEngine engine, DeployOptions options, DeployLog log) {
    this.images = new ImagePinning(engine, options, log);
  }

  void plan(
      DeployPlan.Builder plan,
      ConvertedStack stack,
      Map<String, EngineObject> deployed,
      Problems problems) {
    Set<String> newSecrets = stack.secrets().keySet();
    Set<String> newConfigs = stack.configs().keySet();
    stack.services().forEach((name, converted) -> {
      boolean referencesResolve = checkReferences(
              converted,
              "Secrets",
              "SecretName",
              Kind.SECRET,
              plan.knownIds(Kind.SECRET).keySet(),
              newSecrets,
              problems)
          & checkReferences(
              converted,
              "Configs",
              "ConfigName",
              Kind.CONFIG,
              plan.knownIds(Kind.CONFIG).keySet(),
              newConfigs,
              problems);
      if (!referencesResolve) {
        return;
      }
      EngineObject existing = deployed.get(name);
      ObjectNode spec = converted.deepCopy();
      ObjectNode taskTemplate = spec.withObjectProperty("TaskTemplate");
      String composeImage = taskTemplate.path("ContainerSpec").path("Image").asText();
      images.pin(taskTemplate, composeImage, existing);
      ServiceWrite write =
          new ServiceWrite(name, spec, existing, images.credentialsFor(composeImage));
      plan.deployedAs(name, spec.deepCopy());
      if (existing == null) {
        plan.writeService(write);
        plan.add(Kind.SERVICE, name, Change.CREATE, "");
        return;
      }
      List<String> changes = fieldChanges(plan, write);
      if (changes.isEmpty()) {
        plan.add(Kind.SERVICE, name, Change.UNCHANGED, "");
      } else {
        plan.writeService(write);
        plan.add(Kind.SERVICE, name, Change.UPDATE, summary(changes), changes);
      }
    });
  }

  /**
   * The spec the engine would get for an update: {@code ForceUpdate} is kept from the deployed service, because
   * stack deploys have no way to force one (the CLI does the same).
   */
  static ObjectNode specForUpdate(ObjectNode spec, EngineObject existing) {
    ObjectNode copy = spec.deepCopy();
    JsonNode forceUpdate = existing.spec().path("TaskTemplate").path("ForceUpdate");
    if (!forceUpdate.isMissingNode()) {
      copy.withObjectProperty("TaskTemplate").set("ForceUpdate", forceUpdate);
    }
    return copy;
  }

  /**
   * Compared as the engine stores it: secret and config references carry ids, and network attachments name the
   * network by id. A reference to an object still to be created is a difference by itself.
   */
  private static List<String> fieldChanges(DeployPlan.Builder plan, ServiceWrite write) {
    ObjectNode containerSpec = (ObjectNode) write.spec().path("TaskTemplate").path("ContainerSpec");
    if (!allKnown(containerSpec.path("Secrets"), "SecretName", plan.knownIds(Kind.SECRET))) {
      return List.of("secrets: uses a secret this deploy creates");
    }
    if (!allKnown(containerSpec.path("Configs"), "ConfigName", plan.knownIds(Kind.CONFIG))) {
      return List.of("configs: uses a config this deploy creates");
    }
    if (!allKnown(
        write.spec().path("TaskTemplate").path("Networks"),
        "Target",
        plan.knownIds(Kind.NETWORK))) {
      return List.of("networks: uses a network this deploy creates");
    }
    ObjectNode desired = ServiceSpecs.withObjectIds(
        specForUpdate(write.spec(), write.existing()),
        plan.knownIds(Kind.SECRET),
        plan.knownIds(Kind.CONFIG));
    for (JsonNode attachment : desired.path("TaskTemplate").path("Networks")) {
      ((ObjectNode) attachment)
          .put(
              "Target",
              plan.knownIds(Kind.NETWORK).get(attachment.path("Target").asText()));
    }
    return FieldChanges.of(desired, write.existing().spec());
  }

  private static boolean allKnown(JsonNode references, String nameField, Map<String, String> ids) {
    for (JsonNode reference : references) {
      if (!ids.containsKey(reference.path(nameField).asText())) {
        return false;
      }
    }
    return true;
  }

  /** The changed fields' names, for the one-line form of the plan. */
  private static String summary(List<String> changes) {
    List<String> names = changes.stream()
        .map(change -> change
            .substring(0, change.indexOf(' ') < 0 ? change.length() : change.indexOf(' '))
            .replaceAll(":$", ""))
        .toList();
    List<String> shown = names.subList(0, Math.min(SHOWN_DIFFERENCES, names.size()));
    String more =
        names.size() > shown.size() ? " and " + (names.size() - shown.size()) + " more" : "";
    return "changed: " + String.join(", ", shown) + more;
  }

  /** Every secret or config a service names must exist in the swarm or be created by this stack. */
  private static boolean checkReferences(
      ObjectNode service,
      String field,
      String nameField,
      Kind kind,
      Set<String> inSwarm,
      Set<String> inStack,
      Problems problems) {
    boolean resolved = true;
    for (JsonNode reference : service.path("TaskTemplate").path("ContainerSpec").path(field)) {
      String name = reference.path(nameField).asText();
      if (!inSwarm.contains(name) && !inStack.contains(name)) {
        problems.error(
            Origin.UNKNOWN,
            "service \"" + service.path("Name").asText() + "\": " + kind.label() + " not found: "
                + name + ". Create it (it is declared external) or declare it in the stack");
        resolved = false;
      }
    }
    return resolved;
  }
}
