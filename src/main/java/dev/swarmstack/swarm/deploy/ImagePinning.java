package dev.swarmstack.swarm.deploy;

import dev.swarmstack.swarm.engine.EngineObject;
import dev.swarmstack.swarm.engine.RegistryAuth;
import dev.swarmstack.swarm.engine.RegistryHosts;
import dev.swarmstack.swarm.engine.SwarmEngine;
import java.util.Optional;

/**
 * Which image a service runs: pinned to the registry's digest so that every node runs the same bytes, as
 * {@code docker stack deploy --resolve-image} does.
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
   * @param composeImage the image as the stack names it
   * @param existing the service as deployed now, or null
   * @return the image to put into the service's spec
   */
  String imageFor(String composeImage, EngineObject existing) {
    boolean imageUnchanged = existing != null && composeImage.equals(StackLabels.label(existing, StackLabels.IMAGE));
    // like the CLI: outside "always", an unchanged image keeps whatever the last deploy pinned
    if (imageUnchanged && options.resolveImage() != ResolveImage.ALWAYS) {
      return existing.spec().path("TaskTemplate").path("ContainerSpec").path("Image").asText(composeImage);
    }
    ImageReference reference = ImageReference.parse(composeImage);
    if (options.resolveImage() == ResolveImage.NEVER || reference.hasDigest()) {
      return composeImage;
    }
    String named = reference.withDefaultTag();
    Optional<String> digest = engine.imageDigest(named, credentialsFor(composeImage));
    if (digest.isEmpty()) {
      log.warn("image " + named + " could not be accessed on a registry to record its digest. Each node will access "
          + named + " independently, possibly leading to different nodes running different versions of the image.");
      return composeImage;
    }
    return reference.pinnedTo(digest.get());
  }
}
