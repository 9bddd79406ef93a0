package dev.swarmstack.swarm.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmstack.swarm.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A pom service declared with {@code <networks><network>host</network></networks>} and nothing else: generate renders
 * the declaration the CLI needs, and deploy attaches the swarm's predefined host network.
 */
@MojoTest
class HostNetworkGoalsIT {

  private static final String POM = "src/test/resources/unit/host-network-pom.xml";
  private static final String STACK = "swarmhostnetit";
  private static final Cli DOCKER = Cli.docker();

  @AfterEach
  void removeStackEvenOnFailure() {
    DOCKER.removeStackAndHistory(STACK);
  }

  @Test
  void generateDeclaresHostAndTheCliDeploysTheSameStack(
      @InjectMojo(goal = "generate", pom = POM)
          @MojoParameter(name = "outputFile", value = "target/unit/generate/host-network.yml")
          GenerateMojo generate)
      throws Exception {
    generate.project.setArtifact(new DefaultArtifact(
        "dev.example", "host", "1.0", "compile", "pom", null, new DefaultArtifactHandler("pom")));

    generate.execute();

    Path output = Path.of("target/unit/generate/host-network.yml");
    String yaml = Files.readString(output);
    assertTrue(yaml.contains("networks:\n  host:\n    name: host\n    external: true\n"), yaml);
    // what the CLI does with the generated file is the reference: it attaches the service to the
    // host network too
    DOCKER.ok("stack", "deploy", "--resolve-image", "never", "-c", output.toString(), STACK);
    assertEquals("host", attachedNetwork());
  }

  @Test
  void deployAttachesThePredefinedHostNetwork(
      @InjectMojo(goal = "deploy", pom = POM) DeployMojo deploy) throws Exception {
    deploy.execute();

    assertEquals("host", attachedNetwork());
    // a task of the previous test's stack may still be stopping: every container of the service is
    // on host
    String containers = DOCKER.ok(
        "ps", "-q", "--filter", "label=com.docker.swarm.service.name=" + STACK + "_agent");
    for (String container : containers.lines().toList()) {
      assertEquals(
          "host",
          DOCKER
              .ok("inspect", "--format", "{{.HostConfig.NetworkMode}}", container)
              .trim());
    }
    assertTrue(!containers.isBlank(), "a running task");
  }

  /** The service's attachment, which the engine stores by the id of the swarm's predefined network, by name. */
  private static String attachedNetwork() {
    String target = DOCKER
        .ok(
            "service",
            "inspect",
            "--format",
            "{{(index .Spec.TaskTemplate.Networks 0).Target}}",
            STACK + "_agent")
        .trim();
    return DOCKER
            .ok("network", "inspect", "--format", "{{.Name}} {{.Driver}} {{.Scope}}", target)
            .trim()
            .equals("host host swarm")
        ? "host"
        : target;
  }
}
