package dev.swarmstack.swarm.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmstack.swarm.testing.Cli;
import java.util.List;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code <dockerHosts>} on this machine's single-node swarm: the first listed engine does not exist, so every goal
 * must go on to the real manager and say so. The multi-node proof (a stopped manager of three) is ManagerFailoverIT.
 */
@MojoTest
class DockerHostsIT {

  private static final String POM = "src/test/resources/unit/failover-pom.xml";
  private static final String STACK = "swarmdockerhostsit";
  private static final String GONE = "unix:///nonexistent/swarm-dockerhosts-it.sock";
  private static final String HOSTS = GONE + ",unix:///var/run/docker.sock";

  @AfterEach
  void removeStackEvenOnFailure() throws Exception {
    Cli.docker().run("stack", "rm", STACK);
    for (int second = 0;
        second < 60
            && !Cli.docker()
                .run("network", "ls", "-q", "--filter", "label=com.docker.stack.namespace=" + STACK)
                .output()
                .isBlank();
        second++) {
      Thread.sleep(1000);
    }
  }

  @Test
  @MojoParameter(name = "dockerHosts", value = HOSTS)
  void deployDiffAndRmSkipTheDeadEngineAndNameTheManagerUsed(
      @InjectMojo(goal = "deploy", pom = POM) DeployMojo deploy,
      @InjectMojo(goal = "diff", pom = POM) DiffMojo diff,
      @InjectMojo(goal = "rm", pom = POM) RemoveMojo rm)
      throws Exception {
    for (AbstractEngineMojo goal : List.of(deploy, diff, rm)) {
      RecordingLog log = new RecordingLog();
      goal.setLog(log);
      goal.execute();
      assertEquals(
          List.of("[WARNING] Skipped swarm manager " + GONE + ": unreachable: "),
          log.startingWith("[WARNING] Skipped").stream()
              .map(line -> line.substring(0, line.indexOf("unreachable: ") + 13))
              .toList(),
          log.lines().toString());
      assertTrue(
          log.lines().contains("[INFO] Using swarm manager unix:///var/run/docker.sock"),
          log.lines().toString());
      if (goal == deploy) {
        assertEquals(
            STACK + "_web\n",
            Cli.docker()
                .run("stack", "services", STACK, "--format", "{{.Name}}")
                .output());
      }
    }
    assertEquals(
        "",
        Cli.docker()
            .run("service", "ls", "-q", "--filter", "label=com.docker.stack.namespace=" + STACK)
            .output());
  }
}
