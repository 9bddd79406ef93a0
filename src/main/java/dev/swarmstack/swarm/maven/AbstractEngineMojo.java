package dev.swarmstack.swarm.maven;

import dev.swarmstack.swarm.engine.DockerConfigCredentials;
import dev.swarmstack.swarm.engine.EngineAddressResolver;
import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.lock.HeldLock;
import dev.swarmstack.swarm.lock.LockHeldException;
import dev.swarmstack.swarm.lock.LockHolder;
import dev.swarmstack.swarm.lock.StackLock;
import dev.swarmstack.swarm.model.GoDuration;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
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

  @Inject
  private SettingsDecrypter settingsDecrypter;

  @Override
  protected final void doExecute()
      throws MojoExecutionException, MojoFailureException, IOException {
    ConnectingEngine connecting = ConnectingEngine.start(new EngineTarget(
        dockerHost,
        dockerHosts,
        certPath,
        engineTimeout,
        EngineTarget.ssh(sshDirectory, settingsServers().sshPassphrase(sshPassphrase)),
        this::sourceOf,
        getLog()));
    try {
      prepare();
    } catch (MojoExecutionException | MojoFailureException | IOException | RuntimeException e) {
      connecting.abandon();
      throw e;
    }
    try (SwarmEngine engine = connecting.engine()) {
      run(engine);
    }
  }

  /**
   * The goal's work that needs no engine, such as loading and converting the stack, done while the engine
   * connects; {@link #run} follows.
   */
  protected void prepare() throws MojoExecutionException, MojoFailureException, IOException {}

  /** The goal's work, with a connected engine that is closed afterwards. */
  protected abstract void run(SwarmEngine engine)
      throws MojoExecutionException, MojoFailureException, IOException;

  /** A goal's work that writes to the stack. */
  @FunctionalInterface
  protected interface StackWrite {
    void run() throws MojoExecutionException, MojoFailureException, IOException;
  }

  /**
   * Runs {@code write} holding the stack's lock, so that no other deploy or rm of the stack writes at the same time
   * ({@link StackLock}); waits up to {@code lockTimeout} for a build that holds it.
   *
   * @param lock false: the user opted out ({@code swarm.lock=false})
   */
  protected void underStackLock(
      SwarmEngine engine, String goal, boolean lock, String lockTimeout, StackWrite write)
      throws MojoExecutionException, MojoFailureException, IOException {
    if (!lock) {
      getLog()
          .warn("Not locking stack " + stackName + " (" + PropertyNames.LOCK
              + "=false): another deploy or rm of" + " it may write at the same time");
      write.run();
      return;
    }
    Duration timeout = duration(lockTimeout, PropertyNames.LOCK_TIMEOUT);
    try (HeldLock held =
        new StackLock(engine, deployLog()).acquire(stackName, "swarm:" + goal, timeout)) {
      write.run();
      Optional<String> lost = held.lost();
      if (lost.isPresent()) {
        // the report above may describe a state that another build has since changed
        throw new MojoFailureException(lost.get() + " while this build ran: another build may have"
            + " written the stack meanwhile, so what this build reported may no longer hold. Check"
            + " the stack with swarm:diff and deploy again.");
      }
    } catch (LockHeldException e) {
      throw new MojoFailureException(stillLocked(e));
    }
  }

  /** The lock's holder and what to do, in the pom's terms: the wait's property, the goal that breaks the lock. */
  static String stillLocked(LockHeldException e) {
    LockHolder holder = e.holder();
    return "Stack " + holder.stack() + " is locked by " + holder.describe()
        + "; gave up waiting after "
        + e.waited().toSeconds() + " s (" + PropertyNames.LOCK_TIMEOUT
        + "). If that build is still running, let it"
        + " finish or wait longer; if it is gone, its lease ends at " + holder.expires()
        + " and the next deploy takes"
        + " the lock over. To break the lock now: mvn swarm:unlock -D" + PropertyNames.LOCK_ID + "="
        + holder.lockId();
  }

  private SettingsServers settingsServers() {
    return new SettingsServers(session.getSettings(), settingsDecrypter, getLog());
  }

  protected RegistryCredentials registryCredentials() {
    Path dockerConfigDir = EngineAddressResolver.forThisProcess().configDir();
    return new RegistryCredentials(
        session.getSettings(),
        settingsDecrypter,
        DockerConfigCredentials.read(dockerConfigDir, PomTerms.INSTANCE),
        getLog());
  }

  /** Parses a Go duration parameter, naming the parameter when it is malformed. */
  protected static Duration duration(String value, String property) throws MojoFailureException {
    try {
      return Duration.ofNanos(GoDuration.parse(value).nanos());
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException(property + ": " + e.getMessage());
    }
  }
}
