package dev.swarmstack.swarm.maven;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

/**
 * The engine goals' skip switches, without an engine: the pom points at a port nothing listens on, so a goal that
 * is not skipped fails on its first engine call.
 */
@MojoTest
class EngineGoalsTest {

  private static final String POM = "src/test/resources/unit/deploy-pom.xml";
  private static final String NO_ENGINE = "tcp://127.0.0.1:1";

  @Test
  @InjectMojo(goal = "deploy", pom = POM)
  @MojoParameter(name = "dockerHost", value = NO_ENGINE)
  @MojoParameter(name = "skipDeploy", value = "true")
  void skipDeploy(DeployMojo mojo) {
    assertDoesNotThrow(mojo::execute);
  }

  @Test
  @InjectMojo(goal = "rm", pom = POM)
  @MojoParameter(name = "dockerHost", value = NO_ENGINE)
  @MojoParameter(name = "skipRm", value = "true")
  void skipRm(RemoveMojo mojo) {
    assertDoesNotThrow(mojo::execute);
  }

  @Test
  @InjectMojo(goal = "services", pom = POM)
  @MojoParameter(name = "dockerHost", value = NO_ENGINE)
  @MojoParameter(name = "skipServices", value = "true")
  void skipServices(ServicesMojo mojo) {
    assertDoesNotThrow(mojo::execute);
  }

  @Test
  @InjectMojo(goal = "ps", pom = POM)
  @MojoParameter(name = "dockerHost", value = NO_ENGINE)
  @MojoParameter(name = "skipPs", value = "true")
  void skipPs(PsMojo mojo) {
    assertDoesNotThrow(mojo::execute);
  }

  @Test
  @InjectMojo(goal = "ls", pom = POM)
  @MojoParameter(name = "dockerHost", value = NO_ENGINE)
  @MojoParameter(name = "skipLs", value = "true")
  void skipLs(LsMojo mojo) {
    assertDoesNotThrow(mojo::execute);
  }

  @Test
  @InjectMojo(goal = "ls", pom = POM)
  @MojoParameter(name = "dockerHost", value = NO_ENGINE)
  @MojoParameter(name = "skip", value = "true")
  void swarmSkipSkipsEngineGoalsToo(LsMojo mojo) {
    assertDoesNotThrow(mojo::execute);
  }

  @Test
  @InjectMojo(goal = "ls", pom = POM)
  @MojoParameter(name = "dockerHost", value = NO_ENGINE)
  @MojoParameter(name = "engineTimeout", value = "2s")
  void anUnreachableEngineIsAnExecutionError(LsMojo mojo) {
    MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);

    assertEquals(
        "Docker engine: asking the engine for its version: cannot reach the Docker engine at "
            + NO_ENGINE + " (from <dockerHost>): connection refused",
        e.getMessage());
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      // Maven prints each cause's message that the one above does not contain already
      assertFalse(String.valueOf(cause.getMessage()).contains("shaded"), cause::toString);
    }
  }

  /** The stack is loaded while the engine connects; the engine's failure still goes first, as it did before. */
  @Test
  @InjectMojo(goal = "deploy", pom = POM)
  @MojoParameter(name = "dockerHost", value = NO_ENGINE)
  @MojoParameter(name = "engineTimeout", value = "2s")
  @MojoParameter(name = "resolveImage", value = "sometimes")
  void anUnreachableEngineGoesBeforeAConfigurationError(DeployMojo mojo) {
    MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);

    assertTrue(
        e.getMessage().startsWith("Docker engine: asking the engine for its version: "),
        e.getMessage());
  }

  @Test
  @InjectMojo(goal = "ls", pom = POM)
  @MojoParameter(name = "dockerHosts", value = NO_ENGINE + ",unix:///nonexistent/swarm-test.sock")
  void withoutAReachableManagerTheErrorListsEachEngineAndWhy(LsMojo mojo) {
    MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
    assertTrue(
        e.getMessage()
            .startsWith(
                "Docker engine: none of the 2 engines in <dockerHosts> is a reachable swarm manager:\n"
                    + "  " + NO_ENGINE + ": unreachable: "),
        e.getMessage());
    assertTrue(
        e.getMessage().contains("\n  unix:///nonexistent/swarm-test.sock: unreachable: "),
        e.getMessage());
  }

  @Test
  @InjectMojo(goal = "deploy", pom = POM)
  @MojoParameter(name = "dockerHost", value = NO_ENGINE)
  @MojoParameter(name = "dockerHosts", value = NO_ENGINE)
  void dockerHostAndDockerHostsTogetherAreRefused(DeployMojo mojo) {
    MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
    assertEquals(
        "<dockerHost> (swarm.docker.host) and <dockerHosts> (swarm.docker.hosts) are both set:"
            + " use <dockerHosts> alone, listing every manager",
        e.getMessage());
  }
}
