package dev.swarmstack.swarm.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An OpenSSH server for the ssh:// engine tests: {@code /usr/sbin/sshd} (openssh-server, installed by
 * scripts/engine-up.sh) on a free loopback port, with a host key generated for it, accepting this user with the
 * keys it generated. Its sessions run the real docker CLI, so {@code docker system dial-stdio} reaches this
 * machine's engine. Stopped and its folder removed by {@link #close()}.
 */
public final class TestSshServer implements AutoCloseable {

  /** The alias the client folders' ssh config gives the server: HostName, Port, User and IdentityFile come from it. */
  public static final String ALIAS = "swarm-test-sshd";

  private final Path folder;
  private final int port;
  private final Process sshd;

  private TestSshServer(Path folder, int port, Process sshd) {
    this.folder = folder;
    this.port = port;
    this.sshd = sshd;
  }

  /** The passphrase of the key {@code locked}. */
  public static final String PASSPHRASE = "swarm-test-passphrase";

  /**
   * Starts sshd with three authorised keys: {@code deploy}, a plain login, {@code locked}, the same with a
   * passphrase, and {@code nodocker}, whose sessions have a PATH without docker.
   */
  public static TestSshServer start() throws IOException, InterruptedException {
    Path folder = Files.createTempDirectory("swarm-sshd-");
    keygen(folder.resolve("host_key"), "");
    keygen(folder.resolve("deploy"), "");
    keygen(folder.resolve("nodocker"), "");
    keygen(folder.resolve("locked"), PASSPHRASE);
    Files.writeString(
        folder.resolve("authorized_keys"),
        Files.readString(folder.resolve("deploy.pub"))
            + Files.readString(folder.resolve("locked.pub"))
            + "environment=\"PATH=/nonexistent\" "
            + Files.readString(folder.resolve("nodocker.pub")));
    int port = FreePorts.one();
    Files.writeString(
        folder.resolve("sshd_config"),
        String.join(
            "\n",
            "Port " + port,
            "ListenAddress 127.0.0.1",
            "HostKey " + folder.resolve("host_key"),
            "PidFile " + folder.resolve("sshd.pid"),
            "AuthorizedKeysFile " + folder.resolve("authorized_keys"),
            "PermitRootLogin prohibit-password",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "PermitUserEnvironment yes",
            "UsePAM no",
            "StrictModes no",
            ""));
    Files.createDirectories(Path.of("/run/sshd")); // sshd's privilege separation folder
    Process sshd = new ProcessBuilder(
            "/usr/sbin/sshd", "-D", "-e", "-f", folder.resolve("sshd_config").toString())
        .redirectErrorStream(true)
        .redirectOutput(folder.resolve("sshd.log").toFile())
        .start();
    TestSshServer server = new TestSshServer(folder, port, sshd);
    server.awaitListening();
    return server;
  }

  private void awaitListening() throws IOException, InterruptedException {
    for (int attempt = 0; attempt < 100; attempt++) {
      if (!sshd.isAlive()) {
        throw new IllegalStateException(
            "sshd ended at start: " + Files.readString(folder.resolve("sshd.log")));
      }
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        return;
      } catch (IOException notYet) {
        sshd.waitFor(100, TimeUnit.MILLISECONDS);
      }
    }
    throw new IllegalStateException("sshd does not listen on port " + port + ": "
        + Files.readString(folder.resolve("sshd.log")));
  }

  public int port() {
    return port;
  }

  /** The private key file of a key {@link #start()} made. */
  public Path key(String name) {
    return folder.resolve(name);
  }

  /** {@code ssh://root@127.0.0.1:<port>}: the address with everything in it. */
  public String address() {
    return "ssh://" + System.getProperty("user.name") + "@127.0.0.1:" + port;
  }

  /**
   * An ssh client folder (config, known_hosts, key) for this server.
   *
   * @param key {@code deploy}, {@code nodocker}, or any other name for a key the server doesn't know
   * @param trusted whether known_hosts has the server's real host key, or another one under its name
   */
  public Path clientFolder(String key, boolean trusted) throws IOException, InterruptedException {
    Path client = Files.createTempDirectory(folder, "client-");
    Path identity = folder.resolve(key);
    if (!Files.exists(identity)) {
      keygen(identity, "");
    }
    Path hostKey = folder.resolve("host_key");
    if (!trusted) {
      hostKey = client.resolve("impostor_host_key");
      keygen(hostKey, "");
    }
    String publicHostKey = Files.readString(Path.of(hostKey + ".pub")).trim();
    Files.writeString(
        client.resolve("known_hosts"), "[127.0.0.1]:" + port + " " + publicHostKey + "\n");
    Files.writeString(
        client.resolve("config"),
        String.join(
            "\n",
            "Host " + ALIAS,
            "  HostName 127.0.0.1",
            "  Port " + port,
            "  User " + System.getProperty("user.name"),
            "Host " + ALIAS + " 127.0.0.1",
            "  IdentityFile " + identity,
            ""));
    return client;
  }

  /** Writes an ECDSA key pair to {@code file} and {@code file.pub}. */
  public static void keygen(Path file, String passphrase) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        "ssh-keygen",
        "-q",
        "-t",
        "ecdsa",
        "-N",
        passphrase,
        "-C",
        "swarm-test",
        "-f",
        file.toString()));
    Process keygen = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(keygen.getInputStream().readAllBytes());
    if (keygen.waitFor() != 0) {
      throw new IllegalStateException("ssh-keygen failed: " + output);
    }
  }

  @Override
  public void close() throws IOException {
    sshd.destroy();
    try {
      sshd.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (var files = Files.walk(folder)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile()
          .delete());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
