package dev.swarmstack.swarm.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmstack.swarm.lock.StackLock;
import dev.swarmstack.swarm.testing.Cli;
import dev.swarmstack.swarm.testing.UnixSocketProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A manager lost while a deploy waits for its stack, on this machine's single-node swarm: the "manager" is a proxy
 * to the engine's socket that the test cuts as soon as the wait has shown its first progress line. The
 * multi-node proof, with a real dockerd stopped, is ManagerFailoverIT.
 */
@MojoTest
class ManagerLossIT {

  private static final String POM = "src/test/resources/unit/failover-pom.xml";
  private static final Path ENGINE = Path.of("/var/run/docker.sock");
  private static final String PROXY = "/tmp/swarm-manager-loss-it.sock";
  private static final String STACK_WITH_FAILOVER = "swarmmanagerlossit1";
  private static final String STACK_WITHOUT = "swarmmanagerlossit2";

  @AfterEach
  void removeStacksEvenOnFailure() throws Exception {
    for (String stack : List.of(STACK_WITH_FAILOVER, STACK_WITHOUT)) {
      Cli.docker().removeStackAndHistory(stack);
      // a deploy that lost its only manager can't release its lock; the stack's namespace label
      // doesn't cover it
      Cli.docker().run("config", "rm", StackLock.configName(stack));
    }
    Files.deleteIfExists(Path.of(PROXY));
  }

  @Test
  @MojoParameter(name = "stackName", value = STACK_WITH_FAILOVER)
  @MojoParameter(name = "dockerHosts", value = "unix://" + PROXY + ",unix:///var/run/docker.sock")
  void theWaitGoesOnThroughTheNextManager(@InjectMojo(goal = "deploy", pom = POM) DeployMojo deploy)
      throws Exception {
    RecordingLog log = deployLosingTheManagerWhileWaiting(deploy);

    deploy.execute();

    // the reason is the transport's: "No such file or directory" once the proxy is gone, "Broken
    // pipe" when it went
    // in the middle of a request
    List<String> lost = log.startingWith("[WARNING] Lost swarm manager");
    assertEquals(1, lost.size(), lost.toString());
    assertTrue(
        lost.get(0)
            .matches(Pattern.quote(
                    "[WARNING] Lost swarm manager unix://" + PROXY + " (from <dockerHosts>): ")
                + "(No such file or directory|Broken pipe)"
                + Pattern.quote("; going on through another manager")),
        lost.toString());
    assertEquals(
        List.of(
            "[INFO] Using swarm manager unix://" + PROXY,
            "[INFO] Using swarm manager unix:///var/run/docker.sock"),
        log.startingWith("[INFO] Using swarm manager"));
    assertTrue(
        log.lines().stream()
            .anyMatch(
                line -> line.startsWith("[INFO] Stack " + STACK_WITH_FAILOVER + " converged in ")),
        log.lines().toString());
  }

  @Test
  @MojoParameter(name = "stackName", value = STACK_WITHOUT)
  @MojoParameter(name = "dockerHost", value = "unix://" + PROXY)
  void withoutAnotherManagerTheBuildFailsAsAnEngineFailureSayingSo(
      @InjectMojo(goal = "deploy", pom = POM) DeployMojo deploy) throws Exception {
    deployLosingTheManagerWhileWaiting(deploy);

    MojoExecutionException e = assertThrows(MojoExecutionException.class, deploy::execute);

    assertTrue(
        e.getMessage()
            .startsWith("Deploy of stack " + STACK_WITHOUT + " failed:\n"
                + "  lost the swarm manager while waiting for the stack to converge: "),
        e.getMessage());
    assertTrue(
        e.getMessage()
            .contains("\n  the plan was applied; the swarm goes on rolling it out, unwatched\n"),
        e.getMessage());
    assertTrue(
        e.getMessage().contains("\nRollback:\n  no rollback: the manager can't be reached ("),
        e.getMessage());
  }

  /** Cuts the proxy when the wait reports its first progress, so that the next round's calls get no answer. */
  private static RecordingLog deployLosingTheManagerWhileWaiting(DeployMojo deploy)
      throws Exception {
    Files.deleteIfExists(Path.of(PROXY));
    UnixSocketProxy proxy = new UnixSocketProxy(Path.of(PROXY), ENGINE);
    RecordingLog log = new RecordingLog(line -> {
      if (line.startsWith("[INFO] web  ")) {
        proxy.close();
      }
    });
    deploy.setLog(log);
    return log;
  }
}
