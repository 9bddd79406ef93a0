package dev.swarmstack.swarm.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmstack.swarm.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code swarm:diff} as a CI gate: fails while the stack differs from the pom, passes once it is deployed. */
@MojoTest
class DiffGoalIT {

  private static final String POM = "src/test/resources/unit/diff-pom.xml";
  private static final String STACK = "swarmdiffit";

  @AfterEach
  void removeStackEvenOnFailure() throws Exception {
    Cli.docker().removeStackAndHistory(STACK);
  }

  @Test
  void failsOnDriftThenPassesOnTheDeployedStack(
      @InjectMojo(goal = "diff", pom = POM) DiffMojo diff,
      @InjectMojo(goal = "deploy", pom = POM) DeployMojo deploy)
      throws Exception {
    MojoFailureException drift = assertThrows(MojoFailureException.class, diff::execute);
    assertEquals(
        "Stack " + STACK
            + " differs from its declaration (2 change(s) to deploy); swarm.diff.failOnChanges is set",
        drift.getMessage());

    deploy.execute();
    diff.execute();

    Path report =
        Path.of(deploy.project.getBuild().getDirectory(), "swarm", STACK + "-deploy.json");
    assertTrue(
        Files.readString(report).contains("\"outcome\" : \"applied\""), Files.readString(report));
  }
}
