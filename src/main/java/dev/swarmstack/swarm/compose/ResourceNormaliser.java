package dev.swarmstack.swarm.compose;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The top-level networks, volumes, secrets and configs in the forms {@code docker stack config} prints:
 * an empty entry is an empty mapping, {@code external: {name: x}} becomes {@code name: x, external: true}
 * (with the CLI's deprecation warning), an external object without a name gets its key as name, and a
 * secret's or config's {@code file} is absolute.
 */
final class ResourceNormaliser {

  // the first file format version in which docker/cli deprecates external.name, per kind
  private static final Map<String, String> EXTERNAL_NAME_DEPRECATED =
      Map.of("network", "3.5", "volume", "3.4", "secret", "3.5", "config", "3.5");

  private final TreeEdits edits;
  private final String version;

  ResourceNormaliser(TreeEdits edits, String version) {
    this.edits = edits;
    this.version = version;
  }

  void normalise(ObjectNode root) {
    section(root, "networks", "network");
    section(root, "volumes", "volume");
    section(root, "secrets", "secret");
    section(root, "configs", "config");
  }

  private void section(ObjectNode root, String section, String kind) {
    if (!(root.get(section) instanceof ObjectNode entries)) {
      return;
    }
    JsonPointer sectionAt = JsonPointer.empty().appendProperty(section);
    entries.properties().forEach(entry -> {
      JsonPointer at = sectionAt.appendProperty(entry.getKey());
      if (entry.getValue().isNull()) {
        entry.setValue(entries.objectNode());
      }
      if (entry.getValue() instanceof ObjectNode object) {
        edits.toStringMap(object, "labels", at, "=", false);
        edits.toStringMap(object, "driver_opts", at, "=", false);
        external(object, entry.getKey(), kind, at);
        if (kind.equals("volume") && object.get("x-cluster-spec") instanceof ObjectNode cluster) {
          clusterSpec(cluster, at.appendProperty("x-cluster-spec"));
        }
        if ((kind.equals("secret") || kind.equals("config"))
            && !object.path("external").asBoolean(false)) {
          file(object, entry.getKey(), kind, at);
        }
      }
    });
  }

  private void external(ObjectNode object, String key, String kind, JsonPointer at) {
    JsonNode external = object.get("external");
    if (external instanceof ObjectNode withName) {
      JsonNode name = withName.get("name");
      object.put("external", true);
      if (name != null && !name.isNull()) {
        if (object.has("name")) {
          edits.error(
              at.appendProperty("external"),
              kind + " " + key + ": " + kind + ".external.name and " + kind
                  + ".name conflict; only use " + kind + ".name");
          return;
        }
        if (versionAtLeast(EXTERNAL_NAME_DEPRECATED.get(kind))) {
          edits.warning(
              at.appendProperty("external"),
              kind + " " + key + ": " + kind + ".external.name is deprecated in favor of " + kind
                  + ".name");
        }
        object.set("name", name);
      }
    }
    if (!object.path("external").asBoolean(false)) {
      return;
    }
    if (kind.equals("volume")) {
      for (String conflicting : List.of("driver", "driver_opts", "labels")) {
        if (object.has(conflicting)
            && !(object.get(conflicting).isObject() && object.get(conflicting).isEmpty())) {
          edits.error(
              at.appendProperty(conflicting),
              "conflicting parameters \"external\" and \"" + conflicting
                  + "\" specified for volume \"" + key + "\"");
        }
      }
    }
    if (!object.has("name")) {
      object.put("name", key);
    }
  }

  /** docker reads the cluster volume spec's sizes and segment lists into typed fields, so it prints them so. */
  private void clusterSpec(ObjectNode cluster, JsonPointer at) {
    if (cluster.get("capacity_range") instanceof ObjectNode range) {
      edits.size(range, "required_bytes", at.appendProperty("capacity_range"));
      edits.size(range, "limit_bytes", at.appendProperty("capacity_range"));
    }
    if (cluster.get("accessibility_requirements") instanceof ObjectNode requirements) {
      JsonPointer requirementsAt = at.appendProperty("accessibility_requirements");
      for (String key : List.of("requisite", "preferred")) {
        if (requirements.get(key) instanceof ArrayNode topologies) {
          for (int i = 0; i < topologies.size(); i++) {
            if (topologies.get(i) instanceof ObjectNode topology) {
              edits.toStringMap(
                  topology,
                  "segments",
                  requirementsAt.appendProperty(key).appendIndex(i),
                  "=",
                  false);
            }
          }
        }
      }
    }
  }

  private void file(ObjectNode object, String key, String kind, JsonPointer at) {
    if (object.hasNonNull("driver")) {
      if (object.hasNonNull("file")) {
        edits.error(
            at.appendProperty("file"),
            kind + " " + key + ": " + kind + ".driver and " + kind + ".file conflict; only use "
                + kind + ".driver");
      }
      return;
    }
    // like docker, an entry without file (e.g. only a name) resolves to the working directory
    // itself
    String file = object.path("file").asText("");
    object.put("file", edits.absolute(file, at.appendProperty("file")).orElse(file));
  }

  private boolean versionAtLeast(String minimum) {
    String[] have = version.split("\\.");
    String[] want = minimum.split("\\.");
    for (int i = 0; i < Math.max(have.length, want.length); i++) {
      int a = i < have.length ? parse(have[i]) : 0;
      int b = i < want.length ? parse(want[i]) : 0;
      if (a != b) {
        return a > b;
      }
    }
    return true;
  }

  private static int parse(String number) {
    try {
      return Integer.parseInt(number);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
