package dev.swarmstack.swarm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ImageReferenceTest {

  private static final String DIGEST = "sha256:0123abcd";

  @Test
  void pinsWithTagAndDigestAsTheCli() {
    assertEquals("127.0.0.1:5000/swarmtest/busybox:1@" + DIGEST,
        ImageReference.parse("127.0.0.1:5000/swarmtest/busybox:1").pinnedTo(DIGEST));
    assertEquals("nginx:latest@" + DIGEST, ImageReference.parse("nginx").pinnedTo(DIGEST));
  }

  @Test
  void aPortIsNotATag() {
    ImageReference reference = ImageReference.parse("localhost:5000/api");
    assertEquals("localhost:5000/api", reference.name());
    assertEquals("localhost:5000/api:latest", reference.withDefaultTag());
  }

  @Test
  void digestsAreRecognisedAndDroppedForDisplay() {
    ImageReference pinned = ImageReference.parse("registry.example.com/team/api:2@" + DIGEST);
    assertTrue(pinned.hasDigest());
    assertEquals("registry.example.com/team/api:2", pinned.withoutDigest());
    assertFalse(ImageReference.parse("busybox:1").hasDigest());
  }
}
