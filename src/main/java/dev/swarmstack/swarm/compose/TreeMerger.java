package dev.swarmstack.swarm.compose;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Merges normalised compose trees the way {@code docker stack deploy -c a.yml -c b.yml} does: a service
 * defined again is merged into the earlier one (mappings merged, values replaced, lists appended, except
 * the keyed lists and the commands below); a network, volume, secret or config defined again replaces the
 * earlier one as a whole; top-level {@code x-*} keys of later files are dropped, as docker drops them. The {@link SourceMap} follows: each surviving value keeps the origin it came from.
 */
final class TreeMerger {

  private static final Set<String> RESOURCE_SECTIONS =
      Set.of("networks", "volumes", "secrets", "configs");
  private static final Set<String> REPLACED = Set.of("command", "entrypoint");

  private record Keyed(Function<JsonNode, String> key, Comparator<JsonNode> order) {}

  /*
   * docker/cli keys ports by the published port alone (cli#6223), so unpublished ports, or 53/tcp and
   * 53/udp, collapse and a port silently vanishes. We key a published port by (published, protocol) - a
   * later file can still change its mode or target, as with the CLI - and an unpublished one by
   * (target, protocol). The CLI's order (by published port) is kept.
   */
  private static final Map<String, Keyed> KEYED_LISTS = Map.of(
      "ports",
          new Keyed(TreeMerger::portKey, Comparator.comparingInt(p -> p.path("published")
              .asInt(0))),
      "secrets",
          new Keyed(s -> s.path("source").asText(), Comparator.comparing(s -> s.path("source")
              .asText())),
      "configs",
          new Keyed(c -> c.path("source").asText(), Comparator.comparing(c -> c.path("source")
              .asText())),
      "volumes",
          new Keyed(v -> v.path("target").asText(), Comparator.comparing(v -> v.path("target")
              .asText())));

  private final SourceMap origins;

  private static String portKey(JsonNode port) {
    String protocol = port.path("protocol").asText("tcp");
    int published = port.path("published").asInt(0);
    return published != 0
        ? "published " + published + "/" + protocol
        : "target " + port.path("target").asText() + "/" + protocol;
  }

  private TreeMerger(SourceMap origins) {
    this.origins = origins;
  }

  /** Merges {@code override} into {@code base}, which is changed in place and returned. */
  static SourceTree merge(SourceTree base, SourceTree override) {
    new TreeMerger(base.origins()).mergeRoot(base.root(), override);
    return base;
  }

  private void mergeRoot(ObjectNode base, SourceTree override) {
    override.root().properties().forEach(field -> {
      String key = field.getKey();
      JsonPointer at = JsonPointer.empty().appendProperty(key);
      JsonNode value = field.getValue();
      if (key.equals("version") || key.startsWith("x-")) {
        return; // like docker/cli: the first file's version and top-level extensions stand
      }
      if (key.equals("services")
          && base.get(key) instanceof ObjectNode services
          && value instanceof ObjectNode more) {
        more.properties()
            .forEach(s -> mergeService(
                services,
                s.getKey(),
                s.getValue(),
                override.origins(),
                at.appendProperty(s.getKey())));
      } else if (RESOURCE_SECTIONS.contains(key)
          && base.get(key) instanceof ObjectNode entries
          && value instanceof ObjectNode more) {
        more.properties()
            .forEach(e -> replace(
                entries,
                e.getKey(),
                e.getValue(),
                override.origins(),
                at.appendProperty(e.getKey())));
      } else {
        replace(base, key, value, override.origins(), at);
      }
    });
  }

  private void mergeService(
      ObjectNode services, String name, JsonNode service, SourceMap from, JsonPointer at) {
    if (!(services.get(name) instanceof ObjectNode base)
        || !(service instanceof ObjectNode override)) {
      replace(services, name, service, from, at);
      return;
    }
    override.properties().forEach(field -> {
      String key = field.getKey();
      JsonPointer keyAt = at.appendProperty(key);
      Keyed keyed = KEYED_LISTS.get(key);
      if (REPLACED.contains(key)) {
        replace(base, key, field.getValue(), from, keyAt);
      } else if (keyed != null
          && base.get(key) instanceof ArrayNode list
          && field.getValue() instanceof ArrayNode more) {
        mergeKeyed(base, key, list, more, keyed, from, keyAt);
      } else if (key.equals("logging")) {
        mergeLogging(base, field.getValue(), from, keyAt);
      } else if (key.equals("ulimits") || key.equals("networks")) {
        mergeEntries(base, key, field.getValue(), from, keyAt);
      } else {
        mergeValue(base, key, field.getValue(), from, keyAt);
      }
    });
  }

  /** Mappings merge key by key, lists append, anything else replaces; null never erases. */
  private void mergeValue(
      ObjectNode parent, String key, JsonNode value, SourceMap from, JsonPointer at) {
    JsonNode existing = parent.get(key);
    if (value.isNull() && existing != null) {
      return;
    }
    if (existing instanceof ObjectNode map && value instanceof ObjectNode more) {
      more.properties()
          .forEach(
              e -> mergeValue(map, e.getKey(), e.getValue(), from, at.appendProperty(e.getKey())));
    } else if (existing instanceof ArrayNode list && value instanceof ArrayNode more) {
      for (int i = 0; i < more.size(); i++) {
        origins.copyUnder(from, at.appendIndex(i), at.appendIndex(list.size()));
        list.add(more.get(i));
      }
    } else {
      replace(parent, key, value, from, at);
    }
  }

  /** A network attachment or ulimit given again replaces the earlier one, unless it is empty. */
  private void mergeEntries(
      ObjectNode base, String key, JsonNode value, SourceMap from, JsonPointer at) {
    if (base.get(key) instanceof ObjectNode map && value instanceof ObjectNode more) {
      more.properties().forEach(e -> {
        if (!e.getValue().isNull() || !map.has(e.getKey())) {
          replace(map, e.getKey(), e.getValue(), from, at.appendProperty(e.getKey()));
        }
      });
    } else {
      replace(base, key, value, from, at);
    }
  }

  /** Same (or unnamed) driver: options merge; another driver: the later logging replaces the earlier. */
  private void mergeLogging(ObjectNode base, JsonNode value, SourceMap from, JsonPointer at) {
    String driver = base.path("logging").path("driver").asText("");
    String newDriver = value.path("driver").asText("");
    if (base.get("logging") instanceof ObjectNode
        && (driver.isEmpty() || newDriver.isEmpty() || driver.equals(newDriver))) {
      mergeValue(base, "logging", value, from, at);
    } else {
      replace(base, "logging", value, from, at);
    }
  }

  private void mergeKeyed(
      ObjectNode base,
      String key,
      ArrayNode list,
      ArrayNode more,
      Keyed keyed,
      SourceMap from,
      JsonPointer at) {
    record Item(JsonNode node, SourceMap origins, JsonPointer at) {}
    Map<String, Item> byKey = new LinkedHashMap<>();
    for (int i = 0; i < list.size(); i++) {
      byKey.put(keyed.key().apply(list.get(i)), new Item(list.get(i), origins, at.appendIndex(i)));
    }
    for (int i = 0; i < more.size(); i++) {
      byKey.put(keyed.key().apply(more.get(i)), new Item(more.get(i), from, at.appendIndex(i)));
    }
    List<Item> merged = new ArrayList<>(byKey.values());
    merged.sort(Comparator.comparing(Item::node, keyed.order()));
    SourceMap snapshot = new SourceMap();
    snapshot.copyUnder(origins, at, at);
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    origins.removeUnder(at);
    origins.put(at, snapshot.at(at));
    for (Item item : merged) {
      SourceMap source = item.origins() == origins ? snapshot : item.origins();
      origins.copyUnder(source, item.at(), at.appendIndex(out.size()));
      out.add(item.node());
    }
    base.set(key, out);
  }

  private void replace(
      ObjectNode parent, String key, JsonNode value, SourceMap from, JsonPointer at) {
    origins.removeUnder(at);
    origins.copyUnder(from, at, at);
    parent.set(key, value);
  }
}
