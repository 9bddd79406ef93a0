package dev.swarmstack.swarm.maven;

import dev.swarmstack.swarm.engine.DockerConfigCredentials;
import dev.swarmstack.swarm.engine.RegistryAuth;
import java.util.Optional;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Registry credentials as the deploy needs them, by registry host: a settings.xml {@code <server>} whose id is the
 * host ({@code docker.io} for the Docker Hub), its password decrypted when Maven-encrypted, as Maven builds take
 * credentials; otherwise as the docker CLI finds them in {@code ~/.docker/config.json} (credential helpers, then
 * {@code auths}). Never logs a password.
 */
final class RegistryCredentials {

  private final SettingsServers servers;
  private final DockerConfigCredentials dockerConfig;

  RegistryCredentials(
      Settings settings,
      SettingsDecrypter decrypter,
      DockerConfigCredentials dockerConfig,
      Log log) {
    this.servers = new SettingsServers(settings, decrypter, log);
    this.dockerConfig = dockerConfig;
  }

  Optional<RegistryAuth> forRegistry(String registryHost) {
    Optional<Server> server = servers.get(registryHost);
    return server.isPresent()
        ? server.map(
            found -> new RegistryAuth(registryHost, found.getUsername(), found.getPassword()))
        : dockerConfig.forRegistry(registryHost);
  }
}
