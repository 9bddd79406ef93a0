package dev.swarmstack.swarm.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.compose.ComposeVersions.DatedKey;
import dev.swarmstack.swarm.compose.ComposeVersions.Introduction;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The version table against docker/cli's schemas: each key is valid from its version on, and not before. */
class ComposeVersionsTest {

  // tried in turn as the key's value; the first one that schema v accepts is used
  private static final List<String> CANDIDATE_VALUES = List.of(
      "{}",
      "{\"target\": 80}",
      "{\"type\": \"tmpfs\", \"target\": \"/a\"}",
      "\"start-first\"",
      "\"1s\"",
      "1",
      "true",
      "[]");

  static Stream<Introduction> table() {
    return ComposeVersions.TABLE.stream();
  }

  @ParameterizedTest
  @MethodSource("table")
  void aKeyIsValidFromItsVersionAndNotBefore(Introduction row) throws Exception {
    JsonNode valid = null;
    for (String candidate : CANDIDATE_VALUES) {
      JsonNode document = documentWith(row, ComposeMapper.json().readTree(candidate));
      if (ComposeSchemas.violations(document, row.minor()).isEmpty()) {
        valid = document;
        break;
      }
    }
    assertNotNull(valid, row + ": no value for this key is valid in schema " + row.version());
    assertNotEquals(
        List.of(),
        ComposeSchemas.violations(valid, row.minor() - 1),
        row + " is already valid in 3." + (row.minor() - 1) + ": " + valid);
    assertEquals(
        List.of(row.version()),
        ComposeVersions.keysNewerThan(valid, row.minor() - 1).stream()
            .map(DatedKey::version)
            .toList(),
        "the key is too new for 3." + (row.minor() - 1));
    assertEquals(
        List.of(),
        ComposeVersions.keysNewerThan(valid, row.minor()),
        "nothing is too new for " + row.version());
  }

  /**
   * The other direction: every key a schema adds is in the table at that version (itself or an ancestor).
   * Not listed, on purpose: 3.10's volume x-cluster-spec (any x- key was valid there since 3.7) and 3.11's
   * open build section (no model key is new in it).
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13})
  void everyKeyASchemaAddsIsInTheTable(int minor) {
    Set<String> added = new TreeSet<>(SchemaKeys.of(minor));
    added.removeAll(SchemaKeys.of(minor - 1));

    List<String> missing = added.stream()
        .filter(path -> ComposeVersions.TABLE.stream()
            .noneMatch(row -> row.minor() == minor && (path + "/").startsWith(row.pattern() + "/")))
        .toList();

    assertEquals(List.of(), missing);
  }

  @Test
  void versionsWithoutNewModelKeysAddNothingElse() {
    for (int minor : new int[] {10, 11}) {
      Set<String> added = new TreeSet<>(SchemaKeys.of(minor));
      added.removeAll(SchemaKeys.of(minor - 1));
      added.removeIf(path ->
          path.startsWith("/volumes/*/x-cluster-spec") || path.equals("/services/*/build/**"));
      assertEquals(Set.of(), added, "3." + minor);
    }
  }

  @Test
  void aPlainServiceNeedsNoMoreThanTheBaseVersion() throws Exception {
    JsonNode document =
        ComposeMapper.yaml().readTree("services: {web: {image: nginx, deploy: {replicas: 2}}}");

    assertEquals("3.0", ComposeVersions.lowestCovering(document));
  }

  @Test
  void theNewestKeyDecides() throws Exception {
    JsonNode document = ComposeMapper.yaml().readTree("""
        services:
          web:
            image: nginx
            ports: [{target: 80, published: 8080}]
            deploy: {rollback_config: {order: start-first}, placement: {max_replicas_per_node: 1}}
        networks: {front: {name: front, external: true}}
        """);

    assertEquals("3.8", ComposeVersions.lowestCovering(document));
  }

  @Test
  void shortSyntaxPortsAndVolumesAreValidInTheBaseVersion() throws Exception {
    JsonNode document = ComposeMapper.yaml()
        .readTree("services: {web: {image: nginx, ports: [\"80:80\"], volumes: [\"/a:/b\"]}}");

    assertEquals("3.0", ComposeVersions.lowestCovering(document));
  }

  @Test
  void aNewerKeyInsideANewerListItemCounts() throws Exception {
    JsonNode document = ComposeMapper.yaml()
        .readTree(
            "services: {web: {image: nginx, volumes: [{type: tmpfs, target: /a, tmpfs: {size: 1000}}]}}");

    assertEquals("3.6", ComposeVersions.lowestCovering(document));
  }

  @Test
  void extensionsNeedTheVersionThatAllowsThemWhereTheyStand() throws Exception {
    assertEquals(
        "3.4", ComposeVersions.lowestCovering(ComposeMapper.yaml().readTree("x-common: {a: 1}")));
    assertEquals(
        "3.7",
        ComposeVersions.lowestCovering(
            ComposeMapper.yaml().readTree("volumes: {data: {x-backup: true}}")));
  }

  /** A document holding {@code value} at the row's pattern, with {@code *} made into a key "a" or index 0. */
  private static JsonNode documentWith(Introduction row, JsonNode value) {
    ObjectNode document = ComposeMapper.json().createObjectNode().put("version", row.version());
    String[] segments = row.pattern().substring(1).split("/");
    ContainerNode<?> parent = document;
    for (int i = 0; i < segments.length; i++) {
      boolean last = i == segments.length - 1;
      boolean listItem = i == 3 && (segments[2].equals("ports") || segments[2].equals("volumes"));
      JsonNode child = last
          ? value
          : nextIsListItem(segments, i) ? document.arrayNode() : listItemStub(segments, i);
      if (listItem) {
        ((ArrayNode) parent).add(child);
      } else {
        ((ObjectNode) parent)
            .set(
                segments[i].equals("x-*") ? "x-a" : segments[i].equals("*") ? "a" : segments[i],
                child);
      }
      if (!last) {
        parent = (ContainerNode<?>) child;
      }
    }
    return document;
  }

  private static boolean nextIsListItem(String[] segments, int i) {
    return i == 2 && (segments[2].equals("ports") || segments[2].equals("volumes"));
  }

  /** Long-syntax list items need their required keys before any other key can be tried on them. */
  private static ObjectNode listItemStub(String[] segments, int i) {
    ObjectNode stub = ComposeMapper.json().createObjectNode();
    if (i == 3 && segments[2].equals("volumes")) {
      stub.put("type", "tmpfs").put("target", "/a");
    } else if (i == 3 && segments[2].equals("ports")) {
      stub.put("target", 80);
    }
    return stub;
  }
}
