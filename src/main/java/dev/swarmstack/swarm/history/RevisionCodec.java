package dev.swarmstack.swarm.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.convert.ConvertedStack;
import dev.swarmstack.swarm.history.Revision.Outcome;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A revision as the content of its swarm config: JSON that {@code docker config inspect --pretty} shows as it is,
 * gzipped only when it would not fit in a config otherwise.
 */
final class RevisionCodec {

  /** The engine refuses configs larger than this (swarmkit's limit). */
  static final int MAX_CONFIG_BYTES = 500 * 1024;

  private static final int FORMAT = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  private RevisionCodec() {}

  /** @throws IllegalArgumentException when even gzipped it is too large for a config */
  static byte[] encode(String namespace, Revision revision) {
    byte[] json = toJson(namespace, revision);
    if (json.length <= MAX_CONFIG_BYTES) {
      return json;
    }
    byte[] gzipped = gzip(json);
    if (gzipped.length > MAX_CONFIG_BYTES) {
      throw new IllegalArgumentException("revision " + revision.number() + " takes "
          + gzipped.length / 1024 + " kB gzipped; a swarm config holds at most "
          + MAX_CONFIG_BYTES / 1024 + " kB");
    }
    return gzipped;
  }

  /** @throws IllegalArgumentException saying what is wrong with it */
  static Revision decode(byte[] content) {
    JsonNode root;
    try {
      root = JSON.readTree(isGzip(content) ? gunzip(content) : content);
    } catch (IOException e) {
      throw new IllegalArgumentException("it is not a revision's JSON (" + e.getMessage() + ")", e);
    }
    if (root == null || root.path("format").asInt() != FORMAT) {
      throw new IllegalArgumentException(
          "it is not a revision in format " + FORMAT + " (field \"format\")");
    }
    JsonNode specs = required(root, "specs");
    return new Revision(
        required(root, "revision").asInt(),
        time(required(root, "time").asText()),
        outcome(required(root, "outcome").asText()),
        new Provenance(
            root.path("project").asText(""),
            root.path("version").asText(""),
            root.path("commit").asText(""),
            root.path("user").asText(""),
            root.path("host").asText(""),
            root.path("plugin").asText("")),
        texts(root.path("changedServices")),
        root.has("restoredFrom")
            ? OptionalInt.of(root.get("restoredFrom").asInt())
            : OptionalInt.empty(),
        new ConvertedStack(
            objects(specs, "networks"),
            new TreeSet<>(texts(specs.path("externalNetworks"))),
            objects(specs, "secrets"),
            objects(specs, "configs"),
            objects(specs, "services")));
  }

  private static byte[] toJson(String namespace, Revision revision) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("stack", namespace);
    root.put("revision", revision.number());
    root.put("time", revision.time().toString());
    root.put("outcome", revision.outcome().text());
    revision.restoredFrom().ifPresent(number -> root.put("restoredFrom", number));
    Provenance provenance = revision.provenance();
    root.put("project", provenance.project());
    root.put("version", provenance.version());
    root.put("commit", provenance.commit());
    root.put("user", provenance.user());
    root.put("host", provenance.host());
    root.put("plugin", provenance.plugin());
    revision.changedServices().forEach(root.putArray("changedServices")::add);
    ObjectNode specs = root.putObject("specs");
    ConvertedStack stack = revision.stack();
    putAll(specs.putObject("networks"), stack.networks());
    stack.externalNetworks().forEach(specs.putArray("externalNetworks")::add);
    putAll(specs.putObject("secrets"), stack.secrets());
    putAll(specs.putObject("configs"), stack.configs());
    putAll(specs.putObject("services"), stack.services());
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    } catch (IOException e) {
      throw new UncheckedIOException("JSON of a tree in memory", e);
    }
  }

  private static void putAll(ObjectNode target, SortedMap<String, ObjectNode> specs) {
    specs.forEach(target::set);
  }

  private static JsonNode required(JsonNode root, String field) {
    JsonNode value = root.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("field \"" + field + "\" is missing");
    }
    return value;
  }

  private static Instant time(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("time \"" + text + "\" is not an ISO-8601 instant", e);
    }
  }

  private static Outcome outcome(String text) {
    try {
      return Outcome.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "outcome \"" + text + "\" is not one of converged," + " detached, rolled back", e);
    }
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(text -> texts.add(text.asText()));
    return texts;
  }

  private static SortedMap<String, ObjectNode> objects(JsonNode specs, String field) {
    JsonNode objects = required(specs, field);
    if (!objects.isObject()) {
      throw new IllegalArgumentException("field \"specs." + field + "\" is not an object");
    }
    SortedMap<String, ObjectNode> byName = new TreeMap<>();
    for (Map.Entry<String, JsonNode> entry : objects.properties()) {
      if (!entry.getValue().isObject()) {
        throw new IllegalArgumentException(
            "field \"specs." + field + "." + entry.getKey() + "\" is not an object");
      }
      byName.put(entry.getKey(), (ObjectNode) entry.getValue());
    }
    return byName;
  }

  private static boolean isGzip(byte[] content) {
    return content.length > 2 && (content[0] & 0xff) == 0x1f && (content[1] & 0xff) == 0x8b;
  }

  private static byte[] gzip(byte[] content) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(content);
    } catch (IOException e) {
      throw new UncheckedIOException("gzip in memory", e);
    }
    return bytes.toByteArray();
  }

  private static byte[] gunzip(byte[] content) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(content))) {
      return in.readAllBytes();
    }
  }
}
