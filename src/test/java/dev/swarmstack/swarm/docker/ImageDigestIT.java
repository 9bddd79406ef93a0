package dev.swarmstack.swarm.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.swarmstack.swarm.engine.DockerConfigCredentials;
import dev.swarmstack.swarm.engine.ImageDistribution;
import dev.swarmstack.swarm.engine.RegistryAuth;
import dev.swarmstack.swarm.engine.RegistryHosts;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Digest resolution and X-Registry-Auth against the password-protected registry that scripts/engine-up.sh runs. */
class ImageDigestIT {

  private static final String IMAGE = "127.0.0.1:5000/swarmtest/busybox:1";
  /** The fixed test account of scripts/engine-up.sh. */
  private static final RegistryAuth CREDENTIALS =
      new RegistryAuth(RegistryHosts.of(IMAGE), "swarmtest", "swarmtest-password");

  private static EngineTestSupport support;

  @BeforeAll
  static void connect() {
    support = new EngineTestSupport();
  }

  @AfterAll
  static void cleanUp() {
    support.close();
  }

  @Test
  void withCredentialsTheDigestIsTheOneThePushRecorded() {
    ImageDistribution distribution =
        support.engine.imageDistribution(IMAGE, Optional.of(CREDENTIALS)).orElseThrow();
    String digest = distribution.digest();
    assertTrue(digest.startsWith("sha256:"), digest);
    assertEquals(
        List.of(new ImageDistribution.Platform("amd64", "linux")), distribution.platforms());
    // the CLI as the oracle: the push recorded the registry's digest in the image's RepoDigests
    String repoDigests = EngineTestSupport.run(
        "docker", "image", "inspect", "--format", "{{json .RepoDigests}}", IMAGE);
    assertTrue(
        repoDigests.contains("127.0.0.1:5000/swarmtest/busybox@" + digest),
        repoDigests + " vs " + digest);
  }

  @Test
  void theCredentialsOfDockerLoginWork() {
    DockerConfigCredentials config = DockerConfigCredentials.forThisProcess();
    assumeTrue(
        config.credentialHelperFor(CREDENTIALS.serverAddress()).isEmpty(),
        "docker login stored into a credential helper");
    Optional<RegistryAuth> fromLogin = config.forRegistry(RegistryHosts.of(IMAGE));
    assertEquals(Optional.of(CREDENTIALS), fromLogin, "engine-up.sh logs the CLI in");
    assertTrue(support.engine.imageDistribution(IMAGE, fromLogin).isPresent());
  }

  @Test
  void withoutCredentialsTheRegistryRefusesAndThereIsNoDigest() {
    assertEquals(Optional.empty(), support.engine.imageDistribution(IMAGE, Optional.empty()));
  }

  @Test
  void withWrongCredentialsThereIsNoDigest() {
    RegistryAuth wrong = new RegistryAuth(CREDENTIALS.serverAddress(), "swarmtest", "wrong");
    assertEquals(Optional.empty(), support.engine.imageDistribution(IMAGE, Optional.of(wrong)));
  }

  @Test
  void anUnreachableRegistryGivesNoDigest() {
    assertEquals(
        Optional.empty(),
        support.engine.imageDistribution("127.0.0.1:5999/nothing/here:1", Optional.empty()));
  }
}
