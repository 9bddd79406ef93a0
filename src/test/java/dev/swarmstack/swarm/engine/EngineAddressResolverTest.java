package dev.swarmstack.swarm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineAddressResolverTest {

  @TempDir
  Path home;

  private static final EngineConnection NOTHING_EXPLICIT = EngineConnection.defaults();

  private EngineAddress resolve(Map<String, String> env, EngineConnection connection) {
    return new EngineAddressResolver(env, home).resolve(connection);
  }

  @Test
  void withNothingConfiguredUsesTheDefaultSocket() {
    EngineAddress address = resolve(Map.of(), NOTHING_EXPLICIT);
    assertEquals(URI.create("unix:///var/run/docker.sock"), address.uri());
    assertEquals("default socket", address.source());
    assertNull(address.tlsCertPath());
  }

  @Test
  void anExplicitHostWinsOverTheEnvironmentAndSaysWhereItCameFrom() {
    EngineConnection explicit =
        new EngineConnection("tcp://manager:2375", "<dockerHost>", null, Duration.ofSeconds(5));
    EngineAddress address =
        resolve(Map.of("DOCKER_HOST", "tcp://other:2375", "DOCKER_CONTEXT", "prod"), explicit);
    assertEquals(URI.create("tcp://manager:2375"), address.uri());
    assertEquals("tcp://manager:2375 (from <dockerHost>)", address.describe());
  }

  @Test
  void dockerHostWinsOverTheContextAsInTheCli() throws IOException {
    writeContext("prod", "tcp://prod:2376");
    EngineAddress address = resolve(
        Map.of("DOCKER_HOST", "unix:///tmp/d.sock", "DOCKER_CONTEXT", "prod"), NOTHING_EXPLICIT);
    assertEquals(URI.create("unix:///tmp/d.sock"), address.uri());
    assertEquals("from DOCKER_HOST", address.source());
  }

  @Test
  void tlsVerifyTakesCertificatesFromDockerCertPathOrTheConfigFolder() {
    EngineAddress withPath = resolve(
        Map.of("DOCKER_HOST", "tcp://h", "DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", "/certs"),
        NOTHING_EXPLICIT);
    assertEquals(Path.of("/certs"), withPath.tlsCertPath());
    assertEquals(URI.create("tcp://h:2376"), withPath.uri(), "the CLI's TLS port");

    EngineAddress withoutPath =
        resolve(Map.of("DOCKER_HOST", "tcp://h", "DOCKER_TLS_VERIFY", "1"), NOTHING_EXPLICIT);
    assertEquals(home.resolve(".docker"), withoutPath.tlsCertPath());
  }

  @Test
  void plainTcpWithoutPortGets2375AndABareHostIsTcp() {
    assertEquals(
        URI.create("tcp://h:2375"),
        resolve(Map.of("DOCKER_HOST", "tcp://h"), NOTHING_EXPLICIT).uri());
    assertEquals(
        URI.create("tcp://h:1234"),
        resolve(Map.of("DOCKER_HOST", "h:1234"), NOTHING_EXPLICIT).uri());
  }

  @Test
  void anExplicitCertPathTurnsOnTls() {
    EngineConnection explicit =
        new EngineConnection(null, null, Path.of("/my/certs"), Duration.ofSeconds(5));
    assertEquals(
        Path.of("/my/certs"),
        resolve(Map.of("DOCKER_HOST", "tcp://h:2376"), explicit).tlsCertPath());
  }

  @Test
  void dockerContextVariableNamesAContextWithItsTlsFolder() throws IOException {
    Path tls = writeContext("prod", "tcp://prod.example:2376");
    Files.createDirectories(tls);
    EngineAddress address = resolve(Map.of("DOCKER_CONTEXT", "prod"), NOTHING_EXPLICIT);
    assertEquals(URI.create("tcp://prod.example:2376"), address.uri());
    assertEquals(tls, address.tlsCertPath());
    assertEquals("from docker context 'prod' (DOCKER_CONTEXT)", address.source());
  }

  @Test
  void theCurrentContextComesFromConfigJsonUnderDockerConfig() throws IOException {
    Path configDir = home.resolve("elsewhere");
    Files.createDirectories(configDir);
    Files.writeString(configDir.resolve("config.json"), "{\"currentContext\": \"staging\"}");
    writeContextIn(configDir, "staging", "unix:///run/staging.sock");
    EngineAddress address =
        resolve(Map.of("DOCKER_CONFIG", configDir.toString()), NOTHING_EXPLICIT);
    assertEquals(URI.create("unix:///run/staging.sock"), address.uri());
    assertNull(address.tlsCertPath());
    assertTrue(
        address.source().startsWith("from docker context 'staging' (currentContext in "),
        address.source());
  }

  @Test
  void theDefaultContextIsTheDefaultSocket() {
    assertEquals(
        URI.create("unix:///var/run/docker.sock"),
        resolve(Map.of("DOCKER_CONTEXT", "default"), NOTHING_EXPLICIT).uri());
  }

  @Test
  void aMissingContextIsReportedWithItsSource() {
    EngineException e = assertThrows(
        EngineException.class, () -> resolve(Map.of("DOCKER_CONTEXT", "gone"), NOTHING_EXPLICIT));
    assertTrue(
        e.getMessage().startsWith("docker context 'gone' (DOCKER_CONTEXT) does not exist"),
        e.getMessage());
    assertTrue(
        e.getMessage()
            .endsWith("List the contexts with 'docker context ls', or set --docker-host."),
        e.getMessage());
  }

  @Test
  void sshHostsAreTakenFromDockerHostAndIgnoreTlsSettings() {
    EngineAddress address = resolve(
        Map.of("DOCKER_HOST", "ssh://me@host:2222", "DOCKER_TLS_VERIFY", "1"), NOTHING_EXPLICIT);
    assertEquals(URI.create("ssh://me@host:2222"), address.uri());
    assertTrue(address.usesSsh());
    assertFalse(address.usesTls());
  }

  @Test
  void aDockerContextWithAnSshEndpointIsAnSshEngine() throws IOException {
    writeContext("remote", "ssh://deploy@manager");
    assertEquals(
        URI.create("ssh://deploy@manager"),
        resolve(Map.of("DOCKER_CONTEXT", "remote"), NOTHING_EXPLICIT).uri());
  }

  @Test
  void anSshAddressWithAPathIsRefused() {
    EngineException e = assertThrows(
        EngineException.class,
        () -> resolve(Map.of("DOCKER_HOST", "ssh://me@host/var/run"), NOTHING_EXPLICIT));
    assertTrue(
        e.getMessage().contains("(from DOCKER_HOST) has a path after the host"), e.getMessage());
  }

  @Test
  void everyManagerIsTakenAsAnExplicitHostWithTheSameTlsSettings() {
    EngineConnection managers = new EngineConnection(
        null,
        "<dockerHosts>",
        Path.of("/my/certs"),
        Duration.ofSeconds(5),
        List.of("tcp://m1:2376", "unix:///run/m2.sock", "m3:2376"));
    List<EngineAddress> addresses = new EngineAddressResolver(
            Map.of("DOCKER_HOST", "tcp://other:2375"), home)
        .resolveManagers(managers);
    assertEquals(
        List.of(
            URI.create("tcp://m1:2376"),
            URI.create("unix:///run/m2.sock"),
            URI.create("tcp://m3:2376")),
        addresses.stream().map(EngineAddress::uri).toList());
    assertTrue(
        addresses.stream().allMatch(address -> address.tlsCertPath().equals(Path.of("/my/certs"))));
    assertEquals("from <dockerHosts>", addresses.get(0).source());
  }

  @Test
  void aMalformedManagerAddressIsReportedWithItsSource() {
    EngineConnection managers = new EngineConnection(
        null, "<dockerHosts>", null, Duration.ofSeconds(5), List.of("http://m1"));
    EngineException e =
        assertThrows(EngineException.class, () -> new EngineAddressResolver(Map.of(), home)
            .resolveManagers(managers));
    assertTrue(
        e.getMessage().contains("(from <dockerHosts>) has the unsupported scheme 'http'"),
        e.getMessage());
  }

  @Test
  void contextFoldersAreNamedAfterTheSha256OfTheName() {
    // as `docker context create` makes them: printf default | sha256sum
    assertEquals(
        "37a8eec1ce19687d132fe29051dca629d164e2c4958ba141d5f4133a33f0688f",
        EngineAddressResolver.sha256Hex("default"));
  }

  private Path writeContext(String name, String host) throws IOException {
    return writeContextIn(home.resolve(".docker"), name, host);
  }

  /** @return the context's TLS folder (not created) */
  private static Path writeContextIn(Path configDir, String name, String host) throws IOException {
    String digest = EngineAddressResolver.sha256Hex(name);
    Path meta = configDir.resolve("contexts/meta").resolve(digest);
    Files.createDirectories(meta);
    Files.writeString(
        meta.resolve("meta.json"),
        "{\"Name\":\"" + name + "\",\"Metadata\":{},\"Endpoints\":{\"docker\":{\"Host\":\"" + host
            + "\",\"SkipTLSVerify\":false}}}");
    return configDir.resolve("contexts/tls").resolve(digest).resolve("docker");
  }
}
