package dev.swarmstack.swarm.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmstack.swarm.engine.EngineAddress;
import dev.swarmstack.swarm.engine.EngineAddressResolver;
import dev.swarmstack.swarm.engine.EngineConnection;
import dev.swarmstack.swarm.engine.EngineException;
import dev.swarmstack.swarm.testing.TlsDockerd;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dockerd with {@code --tlsverify} (a second one, not in a swarm: {@link TlsDockerd}), chosen each way the CLI
 * chooses a TLS engine, and the errors of a wrong CA, a missing or refused client certificate and an engine without
 * TLS.
 */
class TlsEngineIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static TlsDockerd dockerd;

  @TempDir
  Path home;

  @BeforeAll
  static void startDockerd() throws Exception {
    dockerd = TlsDockerd.start();
  }

  @AfterAll
  static void stopDockerd() throws Exception {
    if (dockerd != null) {
      dockerd.close();
    }
  }

  private EngineAddress resolve(Map<String, String> env, EngineConnection connection) {
    return new EngineAddressResolver(env, home).resolve(connection);
  }

  private static String serverVersion(EngineAddress address) {
    try (DockerSwarmEngine engine = new DockerSwarmEngine(address, TIMEOUT)) {
      return engine.info().serverVersion();
    }
  }

  @Test
  void certPathChoosesTls() {
    EngineAddress address = resolve(
        Map.of(),
        new EngineConnection(dockerd.host(), "<dockerHost>", dockerd.clientCerts(), TIMEOUT));
    assertEquals(Cli.serverVersion(), serverVersion(address));
  }

  @Test
  void dockerTlsVerifyAndDockerCertPathChooseTls() {
    EngineAddress address = resolve(
        Map.of(
            "DOCKER_HOST",
            dockerd.host(),
            "DOCKER_TLS_VERIFY",
            "1",
            "DOCKER_CERT_PATH",
            dockerd.clientCerts().toString()),
        EngineConnection.defaults());
    assertEquals(Cli.serverVersion(), serverVersion(address));
  }

  @Test
  void aDockerContextWithTlsMaterialChoosesTls() throws Exception {
    // the CLI names a context's folders after the SHA-256 of its name
    String digest = java.util.HexFormat.of()
        .formatHex(java.security.MessageDigest.getInstance("SHA-256")
            .digest("tls-test".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    Path meta = Files.createDirectories(home.resolve(".docker/contexts/meta").resolve(digest));
    Files.writeString(
        meta.resolve("meta.json"),
        "{\"Name\":\"tls-test\",\"Metadata\":{},\"Endpoints\":{\"docker\":{\"Host\":\""
            + dockerd.host() + "\",\"SkipTLSVerify\":false}}}");
    Path tls = Files.createDirectories(
        home.resolve(".docker/contexts/tls").resolve(digest).resolve("docker"));
    for (String file : new String[] {"ca.pem", "cert.pem", "key.pem"}) {
      Files.copy(dockerd.clientCerts().resolve(file), tls.resolve(file));
    }
    assertEquals(
        Cli.serverVersion(),
        serverVersion(resolve(Map.of("DOCKER_CONTEXT", "tls-test"), EngineConnection.defaults())));
  }

  @Test
  void aWrongCaIsACleanError(@TempDir Path certs) throws Exception {
    Files.copy(dockerd.otherCa(), certs.resolve("ca.pem"));
    Files.copy(dockerd.clientCerts().resolve("cert.pem"), certs.resolve("cert.pem"));
    Files.copy(dockerd.clientCerts().resolve("key.pem"), certs.resolve("key.pem"));
    EngineException e = assertThrows(
        EngineException.class,
        () -> serverVersion(new EngineAddress(java.net.URI.create(dockerd.host()), certs, "test")));
    assertEquals(
        "asking the engine for its version: the engine at " + dockerd.host()
            + " with TLS certificates from " + certs + " (test) presented a certificate that "
            + certs.resolve("ca.pem") + " did not sign: use the CA of that engine",
        e.getMessage());
  }

  @Test
  void aMissingClientCertificateIsACleanError(@TempDir Path certs) throws Exception {
    Files.copy(dockerd.clientCerts().resolve("ca.pem"), certs.resolve("ca.pem"));
    EngineException e = assertThrows(
        EngineException.class,
        () -> serverVersion(new EngineAddress(java.net.URI.create(dockerd.host()), certs, "test")));
    assertEquals(
        "the TLS certificate folder " + certs + " of the engine at " + dockerd.host()
            + " (test) has no cert.pem,"
            + " key.pem: it needs ca.pem, cert.pem and key.pem, as the docker CLI's DOCKER_CERT_PATH",
        e.getMessage());
  }

  /**
   * A client certificate signed by another CA. Over TLS 1.3 the engine refuses it after the client's handshake is
   * done: the client sees the engine's alert or, when it was writing its request, a broken connection.
   */
  @Test
  void aClientCertificateTheEngineRefusesIsACleanError() {
    Path certs = dockerd.foreignClientCerts();
    EngineException e = assertThrows(
        EngineException.class,
        () -> serverVersion(new EngineAddress(java.net.URI.create(dockerd.host()), certs, "test")));
    String engine = "asking the engine for its version: the engine at " + dockerd.host()
        + " with TLS certificates from " + certs + " (test) ";
    String wants =
        "the engine runs with --tlsverify and wants a cert.pem and key.pem signed by its CA in "
            + certs;
    List<String> clear = List.of(
        engine + "refused the client certificate: " + wants,
        engine
            + "closed the connection after the TLS handshake, as it does when it refuses the client"
            + " certificate: " + wants);
    assertTrue(clear.contains(e.getMessage()), e.getMessage());
  }

  /**
   * An engine without TLS answers a TLS handshake with these bytes, as dockerd 20.10 answered one on its unix
   * socket. A fake, as no real one listens on plain tcp here: the shared engine has only its unix socket, and
   * dockerd puts TLS on each tcp listener of the TLS one.
   */
  @Test
  void anEngineWithoutTlsIsACleanError() throws Exception {
    try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread answering = new Thread(() -> {
        try (Socket client = plain.accept()) {
          client.getInputStream().read(new byte[512]);
          client
              .getOutputStream()
              .write(("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\n"
                      + "Connection: close\r\n\r\n400 Bad Request")
                  .getBytes(StandardCharsets.US_ASCII));
        } catch (IOException closed) {
          // the test has its answer or failed already
        }
      });
      answering.setDaemon(true);
      answering.start();
      String host = "tcp://127.0.0.1:" + plain.getLocalPort();
      EngineException e = assertThrows(
          EngineException.class,
          () -> serverVersion(
              new EngineAddress(java.net.URI.create(host), dockerd.clientCerts(), "test")));
      assertEquals(
          "asking the engine for its version: the engine at " + host
              + " with TLS certificates from "
              + dockerd.clientCerts()
              + " (test) does not speak TLS: for a plain engine, leave out the certificates (certPath,"
              + " DOCKER_TLS_VERIFY), or start it with --tlsverify",
          e.getMessage());
    }
  }

  /** The shared engine's version, which the TLS dockerd shares: the same binary. */
  private static final class Cli {
    static String serverVersion() {
      return dev.swarmstack.swarm.testing.Cli.docker()
          .ok("version", "--format", "{{.Server.Version}}")
          .trim();
    }
  }
}
