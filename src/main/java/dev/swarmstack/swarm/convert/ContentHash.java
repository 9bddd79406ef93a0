package dev.swarmstack.swarm.convert;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The content hash of a secret or config spec: its data, driver and templating, so that any change the engine would
 * refuse to apply in place is seen before deploying. Stored as a label and used in rotated names; never the data.
 */
public final class ContentHash {

  private ContentHash() {}

  /** {@code sha256:<64 hex>}. */
  public static String of(ObjectNode spec) {
    String content = "data=" + spec.path("Data").asText("")
        + "\ndriver=" + spec.path("Driver")
        + "\ntemplating=" + spec.path("Templating");
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
