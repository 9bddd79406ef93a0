package dev.swarmstack.swarm.ssh;

import dev.swarmstack.swarm.engine.EngineException;
import dev.swarmstack.swarm.engine.EngineUnreachableException;
import dev.swarmstack.swarm.engine.SshOptions;
import dev.swarmstack.swarm.problem.Setting;
import dev.swarmstack.swarm.problem.UserTerms;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.rmi.RemoteException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.DefaultConfigFileHostEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.FilePasswordProvider;

/**
 * An {@code ssh://[user@]host[:port]} engine, reached as the docker CLI reaches it: one ssh session per goal, and
 * {@code docker system dial-stdio} on the remote host for each HTTP connection ({@link DialStdioBridge}). The ssh
 * client is Apache MINA SSHD, in-process, so that a CI image needs no ssh binary. It honours the ssh folder's
 * {@code config} (HostName, User, Port, IdentityFile), its default keys, an ssh-agent, and {@code known_hosts}
 * strictly.
 */
public final class SshEngineTunnel implements AutoCloseable {

  /** What the engine check runs remotely: it needs the docker CLI there, and that CLI must reach its engine. */
  private static final String DOCKER_CHECK = "docker version --format '{{.Server.Version}}'";
  /** A shell's exit status for a command it can't find. */
  private static final String NOT_FOUND = "127";

  private final SshClient client;
  private final ClientSession session;
  private final DialStdioBridge bridge;

  private SshEngineTunnel(SshClient client, ClientSession session, DialStdioBridge bridge) {
    this.client = client;
    this.session = session;
    this.bridge = bridge;
  }

  /**
   * Connects, authenticates, checks that the remote host runs docker, and opens the local socket.
   *
   * @param connectTimeout how long the host may take to accept the connection
   * @param timeout how long authentication and the remote check may take
   * @throws EngineUnreachableException when the host doesn't answer
   * @throws EngineException when it answers but refuses us, or has no docker
   */
  public static SshEngineTunnel open(
      URI address, SshOptions options, UserTerms terms, Duration connectTimeout, Duration timeout) {
    StrictKnownHosts knownHosts = new StrictKnownHosts(options.directory().resolve("known_hosts"));
    List<String> keysWithoutPassphrase = new ArrayList<>();
    SshClient client = client(address, options, knownHosts, keysWithoutPassphrase);
    ClientSession session = null;
    try {
      session = connect(client, address, connectTimeout);
      authenticate(session, address, knownHosts, keysWithoutPassphrase, terms, timeout);
      checkDocker(session, address, timeout);
      return new SshEngineTunnel(client, session, new DialStdioBridge(session, timeout));
    } catch (IOException e) {
      closeQuietly(client, session);
      throw new EngineUnreachableException(
          "cannot reach the Docker engine at " + address + " over ssh: " + e.getMessage(),
          String.valueOf(e.getMessage()),
          e);
    } catch (RuntimeException e) {
      closeQuietly(client, session);
      throw e;
    }
  }

  /** The local socket that leads to the remote engine. */
  public URI socketUri() {
    return bridge.socketUri();
  }

  private static SshClient client(
      URI address,
      SshOptions options,
      StrictKnownHosts knownHosts,
      List<String> keysWithoutPassphrase) {
    SshClient client = SshClient.setUpDefaultClient();
    client.setServerKeyVerifier(knownHosts);
    client.setHostConfigEntryResolver(
        new DefaultConfigFileHostEntryResolver(options.directory().resolve("config"), false));
    Optional<String> passphrase = options.passphrase().apply(address.getHost());
    FilePasswordProvider passphrases = (session, key, retry) -> {
      if (passphrase.isEmpty() || retry > 0) {
        keysWithoutPassphrase.add(key.getName());
        return null;
      }
      return passphrase.get();
    };
    client.setFilePasswordProvider(passphrases);
    try {
      SshClient.setKeyPairProvider(client, options.directory(), false, true, passphrases);
    } catch (IOException | GeneralSecurityException e) {
      throw new EngineException(
          "cannot read the ssh keys in " + options.directory() + ": " + e.getMessage(), 0, e);
    }
    if (options.agentSocket() != null && Files.exists(options.agentSocket())) {
      client.setAgentFactory(new UnixAgent(options.agentSocket()));
    }
    client.start();
    return client;
  }

  private static ClientSession connect(SshClient client, URI address, Duration connectTimeout)
      throws IOException {
    String user = address.getUserInfo();
    int port = address.getPort() > 0 ? address.getPort() : 0; // 0: the config's Port, else 22
    return client.connect(user, address.getHost(), port).verify(connectTimeout).getSession();
  }

  private static void authenticate(
      ClientSession session,
      URI address,
      StrictKnownHosts knownHosts,
      List<String> keysWithoutPassphrase,
      UserTerms terms,
      Duration timeout)
      throws IOException {
    try {
      session.auth().verify(timeout);
    } catch (IOException e) {
      if (knownHosts.rejection() != null) {
        throw new EngineException(
            "the ssh host " + address + " is not trusted: " + knownHosts.rejection(), 0, null);
      }
      if (!keysWithoutPassphrase.isEmpty()) {
        throw new EngineException(
            "ssh to " + address + ": the key " + String.join(", ", keysWithoutPassphrase)
                + " needs a passphrase; set " + terms.name(Setting.SSH_PASSPHRASE),
            0,
            null);
      }
      if (isAuthentication(e)) {
        throw new EngineException(
            "the ssh host " + address + " refused authentication as user " + session.getUsername()
                + ": none of the keys offered (the IdentityFile of the ssh config, the default keys, the ssh-agent) is"
                + " authorised there. Add the public key to that user's ~/.ssh/authorized_keys",
            0,
            null);
      }
      throw e;
    }
  }

  private static boolean isAuthentication(IOException e) {
    String message = String.valueOf(e.getMessage());
    return message.contains("No more authentication methods") || message.contains("authentication");
  }

  private static void checkDocker(ClientSession session, URI address, Duration timeout)
      throws IOException {
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    try {
      session.executeRemoteCommand(
          DOCKER_CHECK, OutputStream.nullOutputStream(), errors, StandardCharsets.UTF_8, timeout);
    } catch (RemoteException e) {
      String stderr = errors.toString(StandardCharsets.UTF_8).trim();
      String status = e.getCause() == null ? "" : String.valueOf(e.getCause().getMessage());
      if (NOT_FOUND.equals(status) || stderr.contains("not found")) {
        throw new EngineException(
            "the ssh host " + address + " has no docker command on the PATH of user "
                + session.getUsername() + "'s ssh sessions (" + stderr
                + "). The plugin runs 'docker system dial-stdio' there,"
                + " as the docker CLI does: install the docker CLI on that host",
            0,
            e);
      }
      throw new EngineException(
          "docker on the ssh host " + address + " cannot reach its engine: " + stderr, 0, e);
    }
  }

  private static void closeQuietly(SshClient client, ClientSession session) {
    try {
      if (session != null) {
        session.close();
      }
    } catch (IOException ignored) {
      // the connection failed already; stopping the client below is what matters
    }
    client.stop();
  }

  @Override
  public void close() {
    try {
      bridge.close();
    } finally {
      closeQuietly(client, session);
    }
  }
}
