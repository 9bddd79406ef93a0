package dev.swarmstack.swarm.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.engine.EngineObject;
import dev.swarmstack.swarm.engine.ImageDistribution;
import dev.swarmstack.swarm.engine.RegistryAuth;
import dev.swarmstack.swarm.engine.RegistryHosts;
import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.model.ImageReference;
import dev.swarmstack.swarm.stack.DeployLog;
import dev.swarmstack.swarm.stack.StackLabels;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which image a service runs: pinned to the registry's digest so that every node runs the same bytes, and placed
 * only on the platforms the image exists for, as {@code docker stack deploy --resolve-image} does.
 */
final class ImagePinning {

  private final SwarmEngine engine;
  private final DeployOptions options;
  private final DeployLog log;

  ImagePinning(SwarmEngine engine, DeployOptions options, DeployLog log) {
    this.engine = engine;
    this.options = options;
    this.log = log;
  }

  Optional<RegistryAuth> credentialsFor(String image) {
    return options.credentials().apply(RegistryHosts.of(image));
  }

  /**
   * Sets the image of {@code taskTemplate}'s container spec, and the platforms it may run on.
   *
   * @param composeImage the image as the stack names it
   * @param existing the service as deployed now, or null
   */
  void pin(ObjectNode taskTemplate, String composeImage, EngineObject existing) {
    ObjectNode containerSpec = taskTemplate.withObjectProperty("ContainerSpec");
    if (options.resolveImage() == ResolveImage.RECORDED) {
      return; // the recorded spec has the image and platforms that ran
    }
    boolean imageUnchanged =
        existing != null && composeImage.equals(StackLabels.label(existing, StackLabels.IMAGE));
    // like the CLI: outside "always", an unchanged image keeps what the last deploy pinned; unlike
    // the CLI, its
    // platforms are kept too, or every redeploy would update the service
    if (imageUnchanged && options.resolveImage() != ResolveImage.ALWAYS) {
      JsonNode deployed = existing.spec().path("TaskTemplate");
      containerSpec.put(
          "Image",
          ImageReference.asSent(deployed.path("ContainerSpec").path("Image").asText(composeImage)));
      JsonNode platforms = deployed.path("Placement").path("Platforms");
      if (!platforms.isMissingNode()) {
        taskTemplate.withObjectProperty("Placement").set("Platforms", platforms.deepCopy());
      }
      return;
    }
    // the CLI's client sends every image tagged and in its familiar form: redis is redis:latest
    String image = ImageReference.asSent(composeImage);
    containerSpec.put("Image", image);
    if (options.resolveImage() == ResolveImage.NEVER) {
      return;
    }
    // an image that names a digest is asked about too: it keeps its digest, and gets the registry's
    // platforms
    Optional<ImageDistribution> distribution =
        engine.imageDistribution(image, credentialsFor(composeImage));
    if (distribution.isEmpty()) {
      log.warn(
          "image " + image
              + " could not be accessed on a registry to record its digest. Each node will access "
              + image
              + " independently, possibly leading to different nodes running different versions of the image.");
      return;
    }
    containerSpec.put("Image", ImageReference.pinned(image, distribution.get().digest()));
    ArrayNode platforms = schedulablePlatforms(distribution.get());
    if (!platforms.isEmpty()) {
      taskTemplate.withObjectProperty("Placement").set("Platforms", platforms);
    }
  }

  /**
   * The platforms as the CLI's client passes them to the scheduler: attestation entries ({@code unknown}) left out,
   * the architecture of {@code arm} images cleared (nodes report {@code armv7l}, which would never match,
   * swarmkit#2294), duplicates dropped.
   */
  private static ArrayNode schedulablePlatforms(ImageDistribution distribution) {
    Set<ImageDistribution.Platform> seen = new LinkedHashSet<>();
    for (ImageDistribution.Platform platform : distribution.platforms()) {
      if (platform.os().equals("unknown") || platform.architecture().equals("unknown")) {
        continue;
      }
      String architecture =
          platform.architecture().equalsIgnoreCase("arm") ? "" : platform.architecture();
      seen.add(new ImageDistribution.Platform(architecture, platform.os()));
    }
    ArrayNode platforms = JsonNodeFactory.instance.arrayNode();
    for (ImageDistribution.Platform platform : seen) {
      ObjectNode node = platforms.addObject();
      if (!platform.architecture().isEmpty()) {
        node.put("Architecture", platform.architecture());
      }
      if (!platform.os().isEmpty()) {
        node.put("OS", platform.os());
      }
    }
    return platforms;
  }
}
