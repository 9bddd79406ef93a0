package dev.swarmstack.swarm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.engine.DockerConfigCredentials;
import dev.swarmstack.swarm.engine.RegistryAuth;
import dev.swarmstack.swarm.testing.CredentialHelperScript;
import dev.swarmstack.swarm.testing.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registry credentials from a real credential helper program (a script written for the test, on the PATH given to
 * the docker config) in front of the password-protected registry of scripts/engine-up.sh: resolveImage=always pins
 * the digest on create and on update, sending the helper's credentials each time.
 */
class CredentialHelperIT extends EngineTestBase {

  @Test
  void theHelpersCredentialsPinTheDigestOnCreateAndUpdate(@TempDir Path dockerConfig)
      throws Exception {
    String first = TestRegistry.REPOSITORY + ":1";
    String second = TestRegistry.secondTag(TestRegistry.loggedIn(dockerConfig.resolve("cli")));
    Path bin = CredentialHelperScript.write(
        dockerConfig.resolve("bin"), "swarmtest", Map.of(TestRegistry.HOST, new String[] {
          TestRegistry.AUTH.username(), TestRegistry.AUTH.password()
        }));
    // credsStore names a helper that holds nothing for this registry: the per-registry helper must
    // come first
    Files.writeString(
        dockerConfig.resolve("config.json"),
        "{\"credsStore\": \"nothing\", \"credHelpers\": {\"" + TestRegistry.HOST
            + "\": \"swarmtest\"}}");
    DockerConfigCredentials fromHelper = DockerConfigCredentials.read(dockerConfig, bin.toString());
    DeployOptions always = new DeployOptions(
        false, ResolveImage.ALWAYS, fromHelper::forRegistry, Duration.ofMinutes(1));
    TestStack stack = new TestStack(namespace);
    stack.network("default");
    stack.service("pinned", first, "default");

    deployer().deploy(namespace, stack.converted(), always);
    ((ObjectNode)
            stack.services.get(stack.scoped("pinned")).path("TaskTemplate").path("ContainerSpec"))
        .put("Image", second);
    deployer().deploy(namespace, stack.converted(), always);

    Optional<RegistryAuth> login = Optional.of(TestRegistry.AUTH);
    assertEquals(
        List.of(
            new CountingSwarmEngine.Write("createService", stack.scoped("pinned"), login),
            new CountingSwarmEngine.Write("updateService", stack.scoped("pinned"), login)),
        engine.recordedWrites().stream()
            .filter(write -> write.call().endsWith("Service"))
            .toList());
    ObjectNode live =
        engine.inspectService(stack.scoped("pinned")).orElseThrow().raw();
    assertEquals(
        second + "@" + engine.imageDistribution(second, login).orElseThrow().digest(),
        live.at("/Spec/TaskTemplate/ContainerSpec/Image").asText());
    assertEquals(
        first + "@" + engine.imageDistribution(first, login).orElseThrow().digest(),
        live.at("/PreviousSpec/TaskTemplate/ContainerSpec/Image").asText(),
        "the create pinned the first image");
    assertEquals(
        true, CredentialHelperScript.asked(bin, "swarmtest").startsWith(TestRegistry.HOST + "\n"));
  }
}
