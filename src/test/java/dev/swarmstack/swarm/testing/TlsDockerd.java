package dev.swarmstack.swarm.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A second dockerd for the TLS tests, with {@code --tlsverify} on a free loopback port: its own data root, exec
 * root (so its own containerd) and pid file, a bridge of its own made for it and no iptables rules, so that it
 * touches nothing of the engine the other tests share. Never {@code --bridge=none}: in the host's network
 * namespace a dockerd started so deletes the shared engine's {@code docker0}. It is not in a swarm: the tests prove the transport and its errors, not deploys.
 * Its CA, server and client certificates are made with openssl, plus a second CA that signed none of them but a
 * client certificate the engine refuses.
 */
public final class TlsDockerd implements AutoCloseable {

  private final Path folder;
  private final int port;
  private final String bridge;
  private final Process dockerd;

  private TlsDockerd(Path folder, int port, String bridge, Process dockerd) {
    this.folder = folder;
    this.port = port;
    this.bridge = bridge;
    this.dockerd = dockerd;
  }

  public static TlsDockerd start() throws IOException, InterruptedException {
    Path folder = Files.createTempDirectory(Path.of("/tmp"), "swarm-tls-");
    Path certs = Files.createDirectories(folder.resolve("client"));
    Path server = Files.createDirectories(folder.resolve("server"));
    Path foreign = Files.createDirectories(folder.resolve("foreign-client"));
    openssl(
        folder,
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=swarm test CA",
        "-keyout",
        "server/ca-key.pem",
        "-out",
        "client/ca.pem");
    openssl(
        folder,
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=another CA",
        "-keyout",
        "other-ca-key.pem",
        "-out",
        "other-ca.pem");
    signed(
        folder,
        TEST_CA,
        "server/server",
        "/CN=127.0.0.1",
        "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
    signed(folder, TEST_CA, "client/cert", "/CN=swarm test client", CLIENT_AUTH);
    Files.move(certs.resolve("cert-key.pem"), certs.resolve("key.pem"));
    // trusts the engine, but the engine does not trust its client certificate
    signed(folder, OTHER_CA, "foreign-client/cert", "/CN=foreign client", CLIENT_AUTH);
    Files.move(foreign.resolve("cert-key.pem"), foreign.resolve("key.pem"));
    Files.copy(certs.resolve("ca.pem"), foreign.resolve("ca.pem"));
    int port = FreePorts.one();
    int random = java.util.concurrent.ThreadLocalRandom.current().nextInt(1 << 16);
    String bridge = "swtls" + java.util.HexFormat.of().toHexDigits((short) random);
    // 198.18.0.0/15 is for benchmarks: no real network of this machine uses it
    for (String[] step : new String[][] {
      {"link", "add", bridge, "type", "bridge"},
      {"addr", "add", "198.18." + (random & 0xff) + ".1/24", "dev", bridge},
      {"link", "set", bridge, "up"}
    }) {
      Cli.Result result = Cli.commands()
          .run(Stream.concat(Stream.of("ip"), Stream.of(step)).toArray(String[]::new));
      if (result.exitCode() != 0) {
        throw new IllegalStateException(
            "ip " + String.join(" ", step) + " failed: " + result.output());
      }
    }
    Process dockerd = new ProcessBuilder(
            "dockerd",
            "--data-root",
            folder.resolve("data").toString(),
            "--exec-root",
            folder.resolve("exec").toString(),
            "--pidfile",
            folder.resolve("dockerd.pid").toString(),
            "-H",
            "tcp://127.0.0.1:" + port,
            "--tlsverify",
            "--tlscacert",
            certs.resolve("ca.pem").toString(),
            "--tlscert",
            server.resolve("server.pem").toString(),
            "--tlskey",
            server.resolve("server-key.pem").toString(),
            "--bridge=" + bridge,
            "--iptables=false",
            "--ip-masq=false")
        .redirectErrorStream(true)
        .redirectOutput(folder.resolve("dockerd.log").toFile())
        .start();
    TlsDockerd engine = new TlsDockerd(folder, port, bridge, dockerd);
    engine.awaitListening();
    return engine;
  }

  /** A CA's certificate and key, relative to the folder. */
  private record Ca(String certificate, String key) {}

  private static final Ca TEST_CA = new Ca("client/ca.pem", "server/ca-key.pem");
  private static final Ca OTHER_CA = new Ca("other-ca.pem", "other-ca-key.pem");
  private static final String CLIENT_AUTH = "extendedKeyUsage=clientAuth\n";

  /** A key and a certificate signed by {@code ca}: {@code <name>-key.pem} and {@code <name>.pem}. */
  private static void signed(Path folder, Ca ca, String name, String subject, String extensions)
      throws IOException, InterruptedException {
    Files.writeString(folder.resolve(name + ".ext"), extensions);
    openssl(
        folder,
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        subject,
        "-keyout",
        name + "-key.pem",
        "-out",
        name + ".csr");
    openssl(
        folder,
        "x509",
        "-req",
        "-in",
        name + ".csr",
        "-CA",
        ca.certificate(),
        "-CAkey",
        ca.key(),
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        name + ".ext",
        "-out",
        name + ".pem");
  }

  private static void openssl(Path folder, String... args) {
    List<String> command = Stream.concat(Stream.of("openssl"), Stream.of(args)).toList();
    Cli.Result result = Cli.commands().in(folder).run(command.toArray(String[]::new));
    if (result.exitCode() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + result.output());
    }
  }

  private void awaitListening() throws IOException, InterruptedException {
    for (int attempt = 0; attempt < 600; attempt++) {
      if (!dockerd.isAlive()) {
        throw new IllegalStateException(
            "the TLS dockerd ended at start: " + Files.readString(folder.resolve("dockerd.log")));
      }
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        return;
      } catch (IOException notYet) {
        dockerd.waitFor(100, TimeUnit.MILLISECONDS);
      }
    }
    throw new IllegalStateException("the TLS dockerd does not listen on " + port + ": "
        + Files.readString(folder.resolve("dockerd.log")));
  }

  /** {@code tcp://127.0.0.1:<port>} */
  public String host() {
    return "tcp://127.0.0.1:" + port;
  }

  /** A folder with ca.pem, cert.pem and key.pem, as {@code DOCKER_CERT_PATH} holds them. */
  public Path clientCerts() {
    return folder.resolve("client");
  }

  /**
   * A folder with the right ca.pem, but a cert.pem and key.pem signed by {@link #otherCa()}: the engine refuses them.
   */
  public Path foreignClientCerts() {
    return folder.resolve("foreign-client");
  }

  /** A CA that signed neither the server's nor the client's certificate. */
  public Path otherCa() {
    return folder.resolve("other-ca.pem");
  }

  @Override
  public void close() throws IOException {
    dockerd.destroy(); // SIGTERM: dockerd stops its containerd too
    try {
      if (!dockerd.waitFor(60, TimeUnit.SECONDS)) {
        dockerd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Cli.commands().run("ip", "link", "del", bridge);
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
