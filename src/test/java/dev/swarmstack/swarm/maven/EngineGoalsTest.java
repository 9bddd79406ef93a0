package dev.swarmstack.swarm.maven;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
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
    assertThrows(MojoExecutionException.class, mojo::execute);
  }
}
