package dev.swarmstack.swarm.compose;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmstack.swarm.compose.ComposeKeys.Child;
import dev.swarmstack.swarm.problem.Problems;
import dev.swarmstack.swarm.problem.Suggestions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Says what {@code docker stack deploy} does with each key: forbidden keys are errors with the CLI's own
 * explanation, keys it ignores are warnings with the CLI's wording, and keys the v3.13 format does not
 * have are errors that suggest the nearest valid key.
 */
final class KeyPolicy {

  // docker/cli compose/types: UnsupportedProperties, DeprecatedProperties, ForbiddenProperties
  private static final List<String> UNSUPPORTED = List.of(
      "build",
      "cgroupns_mode",
      "cgroup_parent",
      "devices",
      "domainname",
      "external_links",
      "ipc",
      "links",
      "mac_address",
      "network_mode",
      "pid",
      "privileged",
      "restart",
      "security_opt",
      "shm_size",
      "userns_mode");
  private static final Map<String, String> DEPRECATED = Map.of(
      "container_name", "Setting the container name is not supported.",
      "expose",
          "Exposing ports is unnecessary - services on the same network can access each other's containers on any port.");
  private static final Map<String, String> FORBIDDEN = Map.of(
      "extends", "Support for `extends` is not implemented yet.",
      "volume_driver",
          "Instead of setting the volume driver on the service, define a volume using the top-level `volumes` option and specify the driver there.",
      "volumes_from",
          "To share a volume between services, define it using the top-level `volumes` option and reference it from each service that shares it using the service-level `volumes` option.",
      "cpu_quota", "Set resource limits using deploy.resources",
      "cpu_shares", "Set resource limits using deploy.resources",
      "cpuset", "Set resource limits using deploy.resources",
      "mem_limit", "Set resource limits using deploy.resources",
      "memswap_limit", "Set resource limits using deploy.resources");

  private final Problems problems;
  private SourceMap origins;

  KeyPolicy(Problems problems) {
    this.problems = problems;
  }

  /** Checks a compose file's keys, including those its declared {@code version} does not have yet. */
  void check(SourceTree tree, String version) {
    check(tree);
    int minor = Integer.parseInt(version.substring(version.indexOf('.') + 1));
    for (ComposeVersions.DatedKey key : ComposeVersions.keysNewerThan(tree.root(), minor)) {
      String needed = key.version();
      problems.error(
          origins.keyAt(key.at()),
          describe(key.at()) + " needs compose file format " + needed
              + " or later, and this file declares version \"" + version + "\": raise it to \""
              + needed + "\"");
    }
  }

  /** Checks keys against the latest format, as for the pom's definitions, which have no version. */
  void check(SourceTree tree) {
    origins = tree.origins();
    checkObject(tree.root(), "root", JsonPointer.empty());
    JsonNode services = tree.root().path("services");
    services
        .properties()
        .forEach(service -> reportIgnored(
            service.getValue(),
            JsonPointer.empty().appendProperty("services").appendProperty(service.getKey())));
  }

  private void checkObject(JsonNode node, String type, JsonPointer at) {
    if (!node.isObject()) {
      return; // wrong shapes are reported when the tree is typed
    }
    Map<String, Child> allowed = ComposeKeys.of(type);
    node.properties().forEach(field -> {
      String key = field.getKey();
      JsonPointer child = at.appendProperty(key);
      Child spec = allowed.get(key);
      if (spec != null) {
        checkChild(field.getValue(), spec, child);
      } else if (type.equals("service") && FORBIDDEN.containsKey(key)) {
        problems.error(
            origins.keyAt(child),
            "compose file contains unsupported options: " + key + ": " + FORBIDDEN.get(key));
      } else if (!(key.startsWith("x-") && ComposeKeys.allowsExtensions(type))) {
        problems.error(
            origins.keyAt(child),
            "Additional property " + key + " is not allowed" + suggestion(key, allowed));
      }
    });
  }

  private void checkChild(JsonNode value, Child spec, JsonPointer at) {
    switch (spec.shape()) {
      case OBJECT -> checkObject(value, spec.type(), at);
      case MAP_OF ->
        value
            .properties()
            .forEach(e -> checkObject(e.getValue(), spec.type(), at.appendProperty(e.getKey())));
      case LIST_OF -> {
        for (int i = 0; i < value.size() && value.isArray(); i++) {
          checkObject(value.get(i), spec.type(), at.appendIndex(i));
        }
      }
      case ANY -> {}
    }
  }

  /** One warning per service, worded as the CLI words its stack-wide warnings. */
  private void reportIgnored(JsonNode service, JsonPointer at) {
    List<String> unsupported =
        UNSUPPORTED.stream().filter(service::has).sorted().toList();
    if (!unsupported.isEmpty()) {
      problems.warning(
          origins.keyAt(at.appendProperty(unsupported.get(0))),
          "Ignoring unsupported options: " + String.join(", ", unsupported));
    }
    new TreeMap<>(DEPRECATED).forEach((key, reason) -> {
      if (service.has(key)) {
        problems.warning(
            origins.keyAt(at.appendProperty(key)),
            "Ignoring deprecated options: " + key + ": " + reason);
      }
    });
  }

  private static String describe(JsonPointer at) {
    String last = at.last().getMatchingProperty();
    return last.chars().allMatch(Character::isDigit)
        ? "the long syntax of this entry"
        : "key " + last;
  }

  private static String suggestion(String key, Map<String, Child> allowed) {
    return Suggestions.nearest(key, allowed.keySet())
        .map(n -> ": did you mean \"" + n + "\"?")
        .orElse(": remove it or check its indentation");
  }
}
