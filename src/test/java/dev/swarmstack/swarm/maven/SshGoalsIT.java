package dev.swarmstack.swarm.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmstack.swarm.testing.Cli;
import dev.swarmstack.swarm.testing.FreePorts;
import dev.swarmstack.swarm.testing.TestSshServer;
import java.util.List;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine goals through {@code ssh://}: a real OpenSSH server on this machine whose sessions run
 * {@code docker system dial-stdio}, found by its alias in the ssh config of a client folder of the test's own.
 */
@MojoTest
class SshGoalsIT {

  private static final String POM = "src/test/resources/unit/ssh-pom.xml";
  private static final String STACK = "swarmsshgoalsit";

  private TestSshServer sshd;

  @BeforeEach
  void startSshd() throws Exception {
    sshd = TestSshServer.start();
  }

  @AfterEach
  void removeStackAndStopSshdEvenOnFailure() throws Exception {
    try {
      Cli.docker().removeStackAndHistory(STACK);
    } finally {
      sshd.close();
    }
  }

  @Test
  void deployWaitsThenDiffPsAndRmWorkOverSsh(
      @InjectMojo(goal = "deploy", pom = POM) DeployMojo deploy,
      @InjectMojo(goal = "diff", pom = POM) DiffMojo diff,
      @InjectMojo(goal = "ps", pom = POM) PsMojo ps,
      @InjectMojo(goal = "rm", pom = POM) RemoveMojo rm)
      throws Exception {
    String clientFolder = sshd.clientFolder("deploy", true).toString();
    for (AbstractGoalMojo goal : List.<AbstractGoalMojo>of(deploy, diff, ps, rm)) {
      MojoExtension.setVariableValueToObject(goal, "dockerHost", "ssh://" + TestSshServer.ALIAS);
      MojoExtension.setVariableValueToObject(goal, "sshDirectory", new java.io.File(clientFolder));
      RecordingLog log = new RecordingLog();
      goal.setLog(log);
      goal.execute();
      if (goal == deploy) {
        assertTrue(
            log.lines().stream()
                .anyMatch(line -> line.contains("web") && line.contains("converged")),
            log.lines().toString());
        assertEquals(
            "1/1\n",
            Cli.docker()
                .run(
                    "service",
                    "ls",
                    "--filter",
                    "name=" + STACK + "_web",
                    "--format",
                    "{{.Replicas}}")
                .output());
      }
      if (goal == diff) {
        assertTrue(
            log.lines().contains("[INFO] Plan for stack " + STACK + ": 0 change(s)"),
            log.lines().toString());
      }
      if (goal == ps) {
        assertTrue(
            log.lines().stream()
                .anyMatch(line -> line.contains(STACK + "_web.1") && line.contains("Running")),
            log.lines().toString());
      }
    }
    assertEquals(
        "",
        Cli.docker()
            .run("service", "ls", "-q", "--filter", "label=com.docker.stack.namespace=" + STACK)
            .output());
  }

  @Test
  void failoverSkipsASshHostThatIsDownForOneThatAnswers(
      @InjectMojo(goal = "deploy", pom = POM) DeployMojo deploy) throws Exception {
    String dead = "ssh://127.0.0.1:" + FreePorts.one();
    MojoExtension.setVariableValueToObject(deploy, "dockerHosts", List.of(dead, sshd.address()));
    MojoExtension.setVariableValueToObject(
        deploy, "sshDirectory", sshd.clientFolder("deploy", true).toFile());
    RecordingLog log = new RecordingLog();
    deploy.setLog(log);
    deploy.execute();
    assertEquals(
        1,
        log.startingWith("[WARNING] Skipped swarm manager " + dead + ": unreachable: ")
            .size(),
        log.lines().toString());
    assertTrue(
        log.lines().contains("[INFO] Using swarm manager " + sshd.address()),
        log.lines().toString());
    assertEquals(
        STACK + "_web\n",
        Cli.docker().run("stack", "services", STACK, "--format", "{{.Name}}").output());
  }
}
