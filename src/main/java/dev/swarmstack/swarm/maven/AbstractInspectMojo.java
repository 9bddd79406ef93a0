package dev.swarmstack.swarm.maven;

import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.inspect.ReportJson;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * What {@code swarm:ls}, {@code ps} and {@code services} share: they only read the swarm, so they take where the
 * engine is and nothing of the stack definition. The engine parameters are those of {@link AbstractEngineMojo}.
 */
abstract class AbstractInspectMojo extends AbstractGoalMojo {

  /**
   * The engine to talk to ({@code unix:///var/run/docker.sock}, {@code tcp://manager:2376}). Unset: as the docker CLI
   * chooses ({@code DOCKER_HOST}, the current docker context, the default socket).
   */
  @Parameter(property = PropertyNames.DOCKER_HOST)
  private String dockerHost;

  /**
   * Several swarm managers, tried in order: the goal uses the first that answers and is a manager
   * ({@code swarm.docker.hosts}: comma-separated). Can't be combined with {@code dockerHost}.
   */
  @Parameter(property = PropertyNames.DOCKER_HOSTS)
  private List<String> dockerHosts;

  /** A folder with {@code ca.pem}, {@code cert.pem} and {@code key.pem} for a TLS engine ({@code DOCKER_CERT_PATH}). */
  @Parameter(property = PropertyNames.DOCKER_CERT_PATH)
  private File certPath;

  /** How long one engine call may take, in Go's duration syntax ({@code 30s}, {@code 2m}). */
  @Parameter(property = PropertyNames.DOCKER_TIMEOUT, defaultValue = "30s")
  private String engineTimeout;

  /** The ssh client folder for {@code ssh://} engines ({@code config}, {@code known_hosts}, keys). Unset: {@code ~/.ssh}. */
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
    try (SwarmEngine engine = new EngineTarget(
            dockerHost,
            dockerHosts,
            certPath,
            engineTimeout,
            EngineTarget.ssh(
                sshDirectory,
                new SettingsServers(session.getSettings(), settingsDecrypter, getLog())
                    .sshPassphrase(sshPassphrase)),
            this::sourceOf,
            getLog())
        .connect()) {
      run(engine);
    }
  }

  /** The goal's work, with a connected engine that is closed afterwards. */
  protected abstract void run(SwarmEngine engine) throws MojoFailureException, IOException;

  /**
   * Prints a CLI-style table to the log and writes the rows as JSON to {@code target/swarm/<fileName>} (outside a
   * project: below the current directory).
   */
  protected void report(List<String> lines, Object rows, String fileName) throws IOException {
    lines.forEach(getLog()::info);
    Path file = Path.of(project.getBuild().getDirectory(), AbstractEngineMojo.REPORT_DIR, fileName);
    Files.createDirectories(file.getParent());
    Files.writeString(file, ReportJson.write(rows));
    getLog().info("Wrote " + file);
  }
}
