package dev.swarmstack.swarm.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Images as the docker CLI's client sends them (distribution's reference grammar). The same forms are deployed by
 * the CLI and the plugin in {@code DeployDifferentialIT}; these pin the rules without an engine.
 */
class ImageReferenceTest {

  private static final String DIGEST =
      "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  private static final String OTHER_DIGEST =
      "sha256:fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";

  @ParameterizedTest
  @CsvSource({
    "redis, redis:latest",
    "redis:7, redis:7",
    "prom/alertmanager, prom/alertmanager:latest",
    "library/redis, redis:latest",
    "docker.io/library/redis:7, redis:7",
    "docker.io/prom/alertmanager, prom/alertmanager:latest",
    "index.docker.io/redis, redis:latest",
    "library/team/app, library/team/app:latest",
    "127.0.0.1:5000/swarmtest/busybox, 127.0.0.1:5000/swarmtest/busybox:latest",
    "localhost/app:1, localhost/app:1",
    "registry.example.com:5000/team/api:2.1, registry.example.com:5000/team/api:2.1",
    "redis@" + DIGEST + ", redis@" + DIGEST,
    "docker.io/library/redis:7@" + DIGEST + ", redis:7@" + DIGEST,
    // names the CLI can't parse go out as written
    "Redis, Redis",
    "team/App:1, team/App:1",
    "redis@sha256:abc, redis@sha256:abc",
    "redis@md5:0123456789abcdef0123456789abcdef, redis@md5:0123456789abcdef0123456789abcdef",
    "'', ''",
    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, "
        + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
  })
  void sentAsTheCliSendsThem(String written, String sent) {
    assertEquals(sent, ImageReference.asSent(written));
  }

  @ParameterizedTest
  @CsvSource({
    "redis:latest, redis:latest@" + OTHER_DIGEST,
    "127.0.0.1:5000/swarmtest/busybox:1, 127.0.0.1:5000/swarmtest/busybox:1@" + OTHER_DIGEST,
    // a digest already named is kept
    "redis:7@" + DIGEST + ", redis:7@" + DIGEST,
    "Redis:1, Redis:1",
  })
  void pinnedAsTheCliPinsThem(String sent, String pinned) {
    assertEquals(pinned, ImageReference.pinned(sent, OTHER_DIGEST));
  }

  @ParameterizedTest
  @CsvSource({
    "redis:latest@" + DIGEST + ", redis:latest",
    "localhost:5000/api:2@" + DIGEST + ", localhost:5000/api:2",
    "Odd@thing, Odd@thing",
  })
  void shownWithoutTheDigest(String image, String shown) {
    assertEquals(shown, ImageReference.withoutDigest(image));
  }
}
