package dev.swarmstack.swarm.maven;

import dev.swarmstack.swarm.engine.DockerConfigCredentials;
import dev.swarmstack.swarm.engine.RegistryAuth;
import java.util.Optional;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Registry credentials as the deploy needs them, by registry host: a settings.xml {@code <server>} whose id is the
 * host ({@code docker.io} for the Docker Hub), its password decrypted when Maven-encrypted, as Maven builds take
 * credentials; otherwise as the docker CLI finds them in {@code ~/.docker/config.json} (credential helpers, then
 * {@code auths}). Never logs a password.
 */
final class RegistryCredentials {

  private final Settings settings;
  private final SettingsDecrypter decrypter;
  private final DockerConfigCredentials dockerConfig;
  private final Log log;

  RegistryCredentials(
      Settings settings,
      SettingsDecrypter decrypter,
      DockerConfigCredentials dockerConfig,
      Log log) {
    this.settings = settings;
    this.decrypter = decrypter;
    this.dockerConfig = dockerConfig;
    this.log = log;
  }

  Optional<RegistryAuth> forRegistry(String registryHost) {
    Server server = settings == null ? null : settings.getServer(registryHost);
    if (server != null) {
      return Optional.of(
          new RegistryAuth(registryHost, server.getUsername(), decrypt(server).getPassword()));
    }
    return dockerConfig.forRegistry(registryHost);
  }

  /** The decrypted {@code <passphrase>} of the settings.xml {@code <server>} with this id, if it has one. */
  Optional<String> serverPassphrase(String id) {
    Server server = settings == null ? null : settings.getServer(id);
    return server == null
        ? Optional.empty()
        : Optional.ofNullable(decrypt(server).getPassphrase());
  }

  private Server decrypt(Server server) {
    SettingsDecryptionResult result =
        decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
    // the problems name the server, never the password
    result
        .getProblems()
        .forEach(problem ->
            log.warn("settings.xml <server> " + server.getId() + ": " + problem.getMessage()));
    return result.getServer() != null ? result.getServer() : server;
  }
}
