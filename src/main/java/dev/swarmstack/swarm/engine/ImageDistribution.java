package dev.swarmstack.swarm.engine;

import java.util.List;

/**
 * What a registry says of an image ({@code GET /distribution/{image}/json}).
 *
 * @param digest the manifest's digest ({@code sha256:...})
 * @param platforms the platforms the image's manifest lists, as the registry reports them
 */
public record ImageDistribution(String digest, List<Platform> platforms) {

  public record Platform(String architecture, String os) {}
}
