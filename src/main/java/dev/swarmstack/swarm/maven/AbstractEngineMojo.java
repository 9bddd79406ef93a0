package dev.swarmstack.swarm.maven;

import dev.swarmstack.swarm.deploy.DeployLog;
import dev.swarmstack.swarm.deploy.ReportJson;
import dev.swarmstack.swarm.docker.DockerSwarmEngine;
import dev.swarmstack.swarm.engine.DockerConfigCredentials;
import dev.swarmstack.swarm.engine.EngineAddressResolver;
import dev.swarmstack.swarm.engine.EngineConnection;
import dev.swarmstack.swarm.engine.FailoverSwarmEngine;
import dev.swarmstack.swarm.engine.ManagerChoice;
import dev.swarmstack.swarm.engine.SshOptions;
import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.lock.HeldLock;
import dev.swarmstack.swarm.lock.StackLock;
import dev.swarmstack.swarm.model.GoDuration;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/** What the goals that talk to a swarm share: where the engine is, how long calls may take, registry credentials. */
abstract class AbstractEngineMojo extends AbstractSwarmMojo {

  /** Where {@code swarm:services}, {@code ps} and {@code ls} write their JSON. */
  static final String REPORT_DIR = "swarm";

  /**
   * The engine to talk to ({@code unix:///var/run/docker.sock}, {@code tcp://manager:2376}). Unset: as the docker CLI
   * chooses ({@code DOCKER_HOST}, the current docker context, the default socket).
   */
  @Parameter(property = PropertyNames.DOCKER_HOST)
  private String dockerHost;

  /**
   * Several swarm managers, tried in order: the goal uses the first that answers and is a manager, so that it still
   * works while a manager is down ({@code swarm.docker.hosts}: comma-separated). Each takes TLS from
   * {@code certPath}, else from {@code DOCKER_TLS_VERIFY}/{@code DOCKER_CERT_PATH}. Can't be combined with
   * {@code dockerHost}; overrides {@code DOCKER_HOST} and the docker context.
   */
  @Parameter(property = PropertyNames.DOCKER_HOSTS)
  private List<String> dockerHosts;

  /** A folder with {@code ca.pem}, {@code cert.pem} and {@code key.pem} for a TLS engine ({@code DOCKER_CERT_PATH}). */
  @Parameter(property = PropertyNames.DOCKER_CERT_PATH)
  private File certPath;

  /** How long one engine call may take, in Go's duration syntax ({@code 30s}, {@code 2m}). */
  @Parameter(property = PropertyNames.DOCKER_TIMEOUT, defaultValue = "30s")
  private String engineTimeout;

  /**
   * The ssh client folder for {@code ssh://} engines: {@code config}, {@code known_hosts} and the default keys
   * ({@code id_ed25519}, {@code id_ecdsa}, {@code id_rsa}). Unset: {@code ~/.ssh}.
   */
  @Parameter(property = PropertyNames.SSH_DIRECTORY)
  private File sshDirectory;

  /**
   * The passphrase of the ssh key for an {@code ssh://} engine. Unset: the {@code <passphrase>} of the settings.xml
   * {@code <server>} whose id is the engine's host name, if any. Keys in an ssh-agent need none.
   */
  @Parameter(property = PropertyNames.SSH_PASSPHRASE)
  private String sshPassphrase;

  @Component
  private SettingsDecrypter settingsDecrypter;

  @Override
  protected final void doExecute() throws MojoExecutionException, MojoFailureException, IOException {
    try (SwarmEngine engine = connect(connection())) {
      run(engine);
    }
  }

  /** With several managers, one that moves on to the next when its manager is lost midway. */
  private SwarmEngine connect(EngineConnection connection) {
    SwarmEngine first = DockerSwarmEngine.connect(connection, this::logChoice);
    return connection.choosesAManager()
        ? new FailoverSwarmEngine(first, () -> DockerSwarmEngine.connect(connection, this::logChoice), getLog()::warn)
        : first;
  }

  private EngineConnection connection() throws MojoFailureException {
    Duration timeout = duration(engineTimeout, PropertyNames.DOCKER_TIMEOUT);
    Path certs = certPath == null ? null : certPath.toPath();
    List<String> managers = dockerHosts == null ? List.of()
        : dockerHosts.stream().filter(host -> host != null && !host.isBlank()).map(String::trim).toList();
    if (managers.isEmpty()) {
      return new EngineConnection(dockerHost, dockerHost == null ? null : "<dockerHost>", certs, timeout, List.of(), ssh());
    }
    if (dockerHost != null && !dockerHost.isBlank()) {
      throw new MojoFailureException("<dockerHost> (" + PropertyNames.DOCKER_HOST + ") and <dockerHosts> ("
          + PropertyNames.DOCKER_HOSTS + ") are both set: use <dockerHosts> alone, listing every manager");
    }
    return new EngineConnection(null, "<dockerHosts>", certs, timeout, managers, ssh());
  }

  private SshOptions ssh() {
    SshOptions defaults = SshOptions.of(System.getenv(), Path.of(System.getProperty("user.home")), this::sshPassphrase);
    return sshDirectory == null ? defaults
        : new SshOptions(sshDirectory.toPath(), defaults.passphrase(), defaults.agentSocket());
  }

  /** The passphrase parameter, else the settings.xml {@code <server>} named after the ssh host (decrypted). */
  private Optional<String> sshPassphrase(String host) {
    if (sshPassphrase != null && !sshPassphrase.isEmpty()) {
      return Optional.of(sshPassphrase);
    }
    return registryCredentials().serverPassphrase(host);
  }

  private void logChoice(ManagerChoice choice) {
    choice.skipped().forEach(skipped -> getLog().warn("Skipped swarm manager " + skipped));
    getLog().info("Using swarm manager " + choice.manager().uri());
  }

  /** The goal's work, with a connected engine that is closed afterwards. */
  protected abstract void run(SwarmEngine engine) throws MojoExecutionException, MojoFailureException, IOException;

  /** A goal's work that writes to the stack. */
  @FunctionalInterface
  protected interface StackWrite {
    void run() throws MojoFailureException, IOException;
  }

  /**
   * Runs {@code write} holding the stack's lock, so that no other deploy or rm of the stack writes at the same time
   * ({@link StackLock}); waits up to {@code lockTimeout} for a build that holds it.
   *
   * @param lock false: the user opted out ({@code swarm.lock=false})
   */
  protected void underStackLock(SwarmEngine engine, String goal, boolean lock, String lockTimeout, StackWrite write)
      throws MojoFailureException, IOException {
    if (!lock) {
      getLog().warn("Not locking stack " + stackName + " (" + PropertyNames.LOCK + "=false): another deploy or rm of"
          + " it may write at the same time");
      write.run();
      return;
    }
    Duration timeout = duration(lockTimeout, PropertyNames.LOCK_TIMEOUT);
    try (HeldLock held = new StackLock(engine, deployLog()).acquire(stackName, goal, timeout)) {
      write.run();
    }
  }

  protected RegistryCredentials registryCredentials() {
    Path dockerConfigDir = EngineAddressResolver.forThisProcess().configDir();
    return new RegistryCredentials(session.getSettings(), settingsDecrypter, DockerConfigCredentials.read(dockerConfigDir),
        getLog());
  }

  protected DeployLog deployLog() {
    return new DeployLog() {
      @Override
      public void info(String message) {
        getLog().info(message);
      }

      @Override
      public void warn(String message) {
        getLog().warn(message);
      }
    };
  }

  /** Parses a Go duration parameter, naming the parameter when it is malformed. */
  protected static Duration duration(String value, String property) throws MojoFailureException {
    try {
      return Duration.ofNanos(GoDuration.parse(value).nanos());
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException(property + ": " + e.getMessage());
    }
  }

  /** Prints a CLI-style table to the log and writes the rows as JSON to {@code target/swarm/<fileName>}. */
  protected void report(List<String> lines, Object rows, String fileName) throws IOException {
    lines.forEach(getLog()::info);
    Path file = Path.of(project.getBuild().getDirectory(), REPORT_DIR, fileName);
    Files.createDirectories(file.getParent());
    Files.writeString(file, ReportJson.write(rows));
    getLog().info("Wrote " + file);
  }
}
