package dev.swarmstack.swarm.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.swarmstack.swarm.engine.DockerConfigCredentials;
import dev.swarmstack.swarm.engine.RegistryAuth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryCredentialsTest {

  /** Stands in for Maven's decrypter: "{encrypted}" decrypts to "decrypted". */
  private static final SettingsDecrypter DECRYPTER = request -> new SettingsDecryptionResult() {
    @Override
    public Server getServer() {
      Server server = request.getServers().get(0).clone();
      server.setPassword(
          server.getPassword().equals("{encrypted}") ? "decrypted" : server.getPassword());
      return server;
    }

    @Override
    public List<Server> getServers() {
      return List.of(getServer());
    }

    @Override
    public Proxy getProxy() {
      return null;
    }

    @Override
    public List<Proxy> getProxies() {
      return List.of();
    }

    @Override
    public List<SettingsProblem> getProblems() {
      return List.of();
    }
  };

  /** Every goal that reaches an engine, the read-only ones too, takes the passphrase the same way. */
  @Test
  void anSshPassphraseIsTheParameterElseTheSettingsServerNamedAfterTheHost() {
    Settings settings = new Settings();
    Server server = new Server();
    server.setId("manager.example.com");
    server.setPassword("unused");
    server.setPassphrase("from-settings");
    settings.addServer(server);
    SettingsServers servers = new SettingsServers(settings, DECRYPTER, new SystemStreamLog());

    assertEquals(Optional.of("given"), servers.sshPassphrase("given").apply("manager.example.com"));
    assertEquals(
        Optional.of("from-settings"), servers.sshPassphrase(null).apply("manager.example.com"));
    assertEquals(Optional.empty(), servers.sshPassphrase("").apply("other.example.com"));
  }

  @Test
  void aSettingsServerNamedAfterTheRegistryHostWinsAndIsDecrypted(@TempDir Path dockerConfig)
      throws IOException {
    dockerLogin(dockerConfig, "registry.example.com", "docker-user", "docker-password");
    Settings settings = new Settings();
    Server server = new Server();
    server.setId("registry.example.com");
    server.setUsername("maven-user");
    server.setPassword("{encrypted}");
    settings.addServer(server);

    RegistryCredentials credentials = new RegistryCredentials(
        settings, DECRYPTER, DockerConfigCredentials.read(dockerConfig), new SystemStreamLog());

    RegistryAuth auth = credentials.forRegistry("registry.example.com").orElseThrow();
    assertEquals(List.of("maven-user", "decrypted"), List.of(auth.username(), auth.password()));
  }

  @Test
  void withoutAServerDockerLoginCredentialsAreUsed(@TempDir Path dockerConfig) throws IOException {
    dockerLogin(dockerConfig, "127.0.0.1:5000", "swarmtest", "swarmtest-password");

    RegistryCredentials credentials = new RegistryCredentials(
        new Settings(),
        DECRYPTER,
        DockerConfigCredentials.read(dockerConfig),
        new SystemStreamLog());

    assertEquals(
        "swarmtest", credentials.forRegistry("127.0.0.1:5000").orElseThrow().username());
    assertEquals(Optional.empty(), credentials.forRegistry("docker.io"));
  }

  private static void dockerLogin(Path dockerConfig, String host, String user, String password)
      throws IOException {
    String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
    Files.writeString(
        dockerConfig.resolve("config.json"),
        "{\"auths\":{\"" + host + "\":{\"auth\":\"" + auth + "\"}}}");
  }
}
