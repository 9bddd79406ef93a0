package dev.swarmstack.swarm.maven;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

/** The goals as Maven configures them from a pom, without an engine. */
@MojoTest
class GoalsTest {

  private static final String SHOP = "src/test/resources/unit/shop-pom.xml";
  private static final String BROKEN = "src/test/resources/unit/broken-pom.xml";
  private static final String NOWHERE =
      "service api uses network 'nowhere', which is not declared at the top level"
          + " (declared: lan); declare it under networks, or fix the name";
  private static final String BRIDGE =
      "network lan is a bridge network: a bridge connects containers on a single host"
          + " only, and swarm services need an overlay network, which spans the nodes of the swarm; use <driver>overlay</driver>"
          + " in the pom or driver: overlay in a compose file";

  @Test
  @InjectMojo(goal = "generate", pom = SHOP)
  @MojoParameter(name = "outputFile", value = "target/unit/generate/shop.yml")
  void generateWritesTheStackAndAttachesIt(GenerateMojo mojo) throws Exception {
    mojo.project.setArtifact(new DefaultArtifact(
        "dev.example", "shop", "1.0", "compile", "pom", null, new DefaultArtifactHandler("pom")));

    mojo.execute();

    Path output = Path.of("target/unit/generate/shop.yml");
    String yaml = Files.readString(output);
    for (String expected : List.of(
        "replicas: 3",
        "order: start-first",
        "encrypted: \"\"",
        "published: 8081",
        "memory: \"536870912\"",
        "- app.jar",
        "file: " + Path.of("src/test/resources/unit/db_password.txt").toAbsolutePath())) {
      assertTrue(yaml.contains(expected), () -> expected + " is missing from\n" + yaml);
    }
    Artifact attached = mojo.project.getAttachedArtifacts().get(0);
    assertEquals("stack", attached.getClassifier());
    assertEquals("yml", attached.getType());
    assertEquals(output.toFile().getAbsoluteFile(), attached.getFile().getAbsoluteFile());
  }

  @Test
  @InjectMojo(goal = "validate", pom = "src/test/resources/unit/all-errors-pom.xml")
  void aBadDurationDoesNotHideTheNetworkErrors(ValidateMojo mojo) {
    MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

    assertEquals("""
        The stack definition has 3 errors:
          <services><service>api</service><stopGracePeriod>: stop_grace_period: invalid duration '90': use a number \
        with a unit, e.g. 30s, 1m30s, 500ms or 2h
          <services><service>api</service><networks>[2]: %s
          <networks><network>lan</network>: %s""".formatted(NOWHERE, BRIDGE), e.getMessage());
  }

  @Test
  @InjectMojo(goal = "validate", pom = "src/test/resources/unit/all-errors-compose-pom.xml")
  void aBadDurationInAComposeFileDoesNotHideTheNetworkErrors(ValidateMojo mojo) {
    MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

    String file =
        Path.of("src/test/resources/unit/all-errors.yml").toAbsolutePath().toString();
    assertEquals("""
        The stack definition has 3 errors:
          %1$s:5:24: stop_grace_period: invalid duration '90': use a number with a unit, e.g. 30s, 1m30s, 500ms or 2h
          %1$s:6:5: %2$s
          %1$s:8:3: %3$s""".formatted(file, NOWHERE, BRIDGE), e.getMessage());
  }

  @Test
  @InjectMojo(goal = "validate", pom = SHOP)
  void validateAcceptsTheIssueSketch(ValidateMojo mojo) {
    assertDoesNotThrow(mojo::execute);
  }

  @Test
  @InjectMojo(goal = "validate", pom = BROKEN)
  void validateListsTheErrorsOfMapperLoaderAndValidatorAtOnce(ValidateMojo mojo) {
    MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

    assertEquals("""
        The stack definition has 5 errors:
          <services><service>[1]: <service> has no <name>: add <name>, the key other entries refer to it by
          <services><service>api</service><deploy><replicas>: this value is also set at \
        <services><service>api</service><replicas>: set it in one place only
          <services><service>api</service><secrets>[1]<mode>: invalid file mode 'rw': use octal digits with a \
        leading zero, e.g. 0440
          <services><service>api</service><secrets>[1]: service api uses secret 'tls', which is not declared at \
        the top level (none is declared); declare it under secrets, or fix the name
          <services><service>api</service>: service api has no image: swarm services run only from images; set \
        its image""", e.getMessage());
  }

  @Test
  @InjectMojo(goal = "validate", pom = SHOP)
  @MojoParameter(name = "composeFiles", value = "a.yml,b.yml")
  void composeFilesAcceptTheCommaSeparatedFormOfSwarmComposeFiles(ValidateMojo mojo)
      throws Exception {
    List<File> files = MojoExtension.getVariableValueFromObject(mojo, "composeFiles");

    assertEquals(List.of("a.yml", "b.yml"), files.stream().map(File::getName).toList());
  }

  // BROKEN fails as soon as it is loaded: a skipped goal must return before loading anything.

  @Test
  @InjectMojo(goal = "validate", pom = BROKEN)
  @MojoParameter(name = "skip", value = "true")
  void skipSkipsValidate(ValidateMojo mojo) {
    assertDoesNotThrow(mojo::execute);
  }

  @Test
  @InjectMojo(goal = "validate", pom = BROKEN)
  @MojoParameter(name = "skipValidate", value = "true")
  void skipValidateSkipsValidate(ValidateMojo mojo) {
    assertDoesNotThrow(mojo::execute);
  }

  @Test
  @InjectMojo(goal = "generate", pom = BROKEN)
  @MojoParameter(name = "skip", value = "true")
  void skipSkipsGenerate(GenerateMojo mojo) {
    assertDoesNotThrow(mojo::execute);
  }

  @Test
  @InjectMojo(goal = "generate", pom = BROKEN)
  @MojoParameter(name = "skipGenerate", value = "true")
  void skipGenerateSkipsGenerate(GenerateMojo mojo) {
    assertDoesNotThrow(mojo::execute);
  }

  @Test
  @InjectMojo(goal = "generate", pom = BROKEN)
  @MojoParameter(name = "skipValidate", value = "true")
  void anotherGoalsSkipDoesNotSkipGenerate(GenerateMojo mojo) {
    assertThrows(MojoFailureException.class, mojo::execute);
  }
}
