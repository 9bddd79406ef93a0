package dev.swarmstack.swarm.maven;

import java.util.Optional;
import java.util.function.Function;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * The settings.xml {@code <server>}s by id, decrypted when Maven-encrypted, as Maven builds take credentials. A
 * decryption problem is warned about by the server's id, never with a password.
 */
final class SettingsServers {

  private final Settings settings;
  private final SettingsDecrypter decrypter;
  private final Log log;

  SettingsServers(Settings settings, SettingsDecrypter decrypter, Log log) {
    this.settings = settings;
    this.decrypter = decrypter;
    this.log = log;
  }

  Optional<Server> get(String id) {
    Server server = settings == null ? null : settings.getServer(id);
    return server == null ? Optional.empty() : Optional.of(decrypt(server));
  }

  /** The passphrase of the ssh keys for a host: {@code parameter} when set, else the host's server's {@code <passphrase>}. */
  Function<String, Optional<String>> sshPassphrase(String parameter) {
    return host -> parameter != null && !parameter.isEmpty()
        ? Optional.of(parameter)
        : get(host).map(Server::getPassphrase);
  }

  private Server decrypt(Server server) {
    SettingsDecryptionResult result =
        decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
    result
        .getProblems()
        .forEach(problem ->
            log.warn("settings.xml <server> " + server.getId() + ": " + problem.getMessage()));
    return result.getServer() != null ? result.getServer() : server;
  }
}
