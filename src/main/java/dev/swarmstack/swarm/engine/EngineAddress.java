package dev.swarmstack.swarm.engine;

import java.net.URI;
import java.nio.file.Path;

/**
 * A resolved engine address.
 *
 * @param uri {@code unix:///var/run/docker.sock}, {@code tcp://host:2376}, {@code ssh://user@host},
 *     {@code npipe:////./pipe/docker_engine}
 * @param tlsCertPath the folder with {@code ca.pem}, {@code cert.pem}, {@code key.pem}, or null for no TLS
 * @param source where the address came from, e.g. {@code from DOCKER_HOST}, {@code from docker context 'prod'},
 *     {@code default socket}
 */
public record EngineAddress(URI uri, Path tlsCertPath, String source) {

  public boolean usesTls() {
    return tlsCertPath != null && !usesSsh();
  }

  /** An {@code ssh://} engine: reached through an ssh session, where TLS settings don't apply. */
  public boolean usesSsh() {
    return "ssh".equals(uri.getScheme());
  }

  /** {@code tcp://host:2376 with TLS (from DOCKER_HOST)}: what to show when the engine can't be reached. */
  public String describe() {
    return uri + (usesTls() ? " with TLS certificates from " + tlsCertPath : "") + " (" + source
        + ")";
  }
}
