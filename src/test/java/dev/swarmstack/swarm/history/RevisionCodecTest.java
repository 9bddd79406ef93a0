package dev.swarmstack.swarm.history;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.convert.ConvertedStack;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class RevisionCodecTest {

  @Test
  void aRevisionReadsBackAsItWasWrittenByteForByte() {
    Revision revision = revision(3, services(2, ""));

    byte[] encoded = RevisionCodec.encode("shop", revision);
    Revision decoded = RevisionCodec.decode(encoded);

    assertEquals(revision, decoded);
    assertArrayEquals(encoded, RevisionCodec.encode("shop", decoded), "deterministic");
    assertTrue(new String(encoded, StandardCharsets.UTF_8).startsWith("{\n  \"format\" : 1,"));
  }

  @Test
  void aRevisionTooLargeForAConfigIsGzipped() {
    Revision revision = revision(1, services(400, "x".repeat(2000)));

    byte[] encoded = RevisionCodec.encode("shop", revision);

    assertTrue(encoded.length <= RevisionCodec.MAX_CONFIG_BYTES, "" + encoded.length);
    assertEquals(0x1f, encoded[0] & 0xff);
    assertEquals(revision, RevisionCodec.decode(encoded));
  }

  @Test
  void aRevisionTooLargeEvenGzippedIsRefusedWithItsSize() {
    java.util.Random random = new java.util.Random(42);
    StringBuilder noise = new StringBuilder();
    for (int i = 0; i < 800_000; i++) {
      noise.append((char) ('!' + random.nextInt(90)));
    }
    Revision revision = revision(1, services(1, noise.toString()));

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RevisionCodec.encode("shop", revision));

    assertTrue(
        e.getMessage()
            .matches("revision 1 takes \\d+ kB gzipped; a swarm config holds at most 500 kB"),
        e.getMessage());
  }

  @Test
  void brokenContentIsNamed() {
    assertEquals(
        "it is not a revision's JSON",
        message("{not json").substring(0, "it is not a revision's JSON".length()));
    assertEquals("it is not a revision in format 1 (field \"format\")", message("{\"a\": 1}"));
    assertEquals(
        "field \"specs\" is missing",
        message("{\"format\": 1, \"revision\": 1, \"time\": \"2026-12-06T10:00:00Z\"}"));
    String badTime = new String(
            RevisionCodec.encode("shop", revision(1, services(1, ""))), StandardCharsets.UTF_8)
        .replaceFirst("\"time\" : \"[^\"]+\"", "\"time\" : \"yesterday\"");
    assertEquals("time \"yesterday\" is not an ISO-8601 instant", message(badTime));
  }

  private static String message(String content) {
    return assertThrows(
            IllegalArgumentException.class,
            () -> RevisionCodec.decode(content.getBytes(StandardCharsets.UTF_8)))
        .getMessage();
  }

  private static Revision revision(int number, SortedMap<String, ObjectNode> services) {
    return new Revision(
        number,
        Instant.parse("2026-12-06T10:15:30Z"),
        Revision.Outcome.CONVERGED,
        new Provenance("dev.example:shop", "1.2.0", "abc", "ci", "runner", "0.1.0"),
        List.of("shop_web"),
        OptionalInt.of(1),
        new ConvertedStack(
            new TreeMap<>(),
            new TreeSet<>(List.of("proxy")),
            new TreeMap<>(),
            new TreeMap<>(),
            services));
  }

  private static SortedMap<String, ObjectNode> services(int count, String padding) {
    SortedMap<String, ObjectNode> services = new TreeMap<>();
    for (int i = 0; i < count; i++) {
      ObjectNode spec = JsonNodeFactory.instance.objectNode().put("Name", "shop_s" + i);
      spec.putObject("TaskTemplate")
          .putObject("ContainerSpec")
          .put("Image", "local/busybox:1")
          .putArray("Env")
          .add("PAD=" + padding);
      services.put("shop_s" + i, spec);
    }
    return services;
  }
}
