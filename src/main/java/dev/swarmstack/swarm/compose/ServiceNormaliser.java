package dev.swarmstack.swarm.compose;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One service rewritten into the long forms {@code docker stack config} prints: ports and volumes
 * expanded, list-or-mapping keys as mappings, commands split into words, {@code env_file} read into
 * {@code environment}, durations and sizes in their canonical spelling.
 */
final class ServiceNormaliser {

  private final TreeEdits edits;

  ServiceNormaliser(TreeEdits edits) {
    this.edits = edits;
  }

  void normalise(ObjectNode service, JsonPointer at) {
    build(service, at);
    for (String key : List.of("command", "entrypoint")) {
      shellWords(service, key, at);
    }
    fileReferences(service, "configs");
    fileReferences(service, "secrets");
    deploy(service, at);
    for (String key : List.of("dns", "dns_search", "env_file", "tmpfs")) {
      edits.toList(service, key);
    }
    edits.toTextList(service, "expose");
    environment(service, at);
    extraHosts(service, "extra_hosts");
    healthcheck(service, at);
    edits.toStringMap(service, "labels", at, "=", false);
    edits.toStringMap(service, "sysctls", at, "=", false);
    if (service.get("logging") instanceof ObjectNode logging) {
      edits.toStringMap(logging, "options", at.appendProperty("logging"), "=", false);
    }
    networks(service);
    ports(service, at);
    edits.duration(service, "stop_grace_period", at);
    volumes(service, at);
  }

  private void build(ObjectNode service, JsonPointer at) {
    JsonNode build = service.get("build");
    if (build != null && build.isTextual()) {
      service.putObject("build").put("context", build.textValue());
    } else if (build instanceof ObjectNode object) {
      JsonPointer buildAt = at.appendProperty("build");
      edits.toStringMap(object, "args", buildAt, "=", true);
      edits.toStringMap(object, "labels", buildAt, "=", false);
      extraHosts(object, "extra_hosts");
    }
  }

  private void shellWords(ObjectNode service, String key, JsonPointer at) {
    JsonNode value = service.get(key);
    if (value != null && value.isTextual()) {
      try {
        ArrayNode words = service.putArray(key);
        ShellWords.split(value.textValue()).forEach(words::add);
      } catch (IllegalArgumentException e) {
        service.set(key, value);
        edits.error(at.appendProperty(key), key + ": " + e.getMessage());
      }
    }
  }

  /** {@code secrets: [name]} -> {@code [{source: name}]}. */
  private static void fileReferences(ObjectNode service, String key) {
    if (service.get(key) instanceof ArrayNode list) {
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i).isTextual()) {
          list.set(i, list.objectNode().put("source", list.get(i).textValue()));
        }
      }
    }
  }

  private void deploy(ObjectNode service, JsonPointer at) {
    if (!(service.get("deploy") instanceof ObjectNode deploy)) {
      return;
    }
    JsonPointer deployAt = at.appendProperty("deploy");
    edits.toStringMap(deploy, "labels", deployAt, "=", false);
    for (String key : List.of("update_config", "rollback_config")) {
      if (deploy.get(key) instanceof ObjectNode update) {
        edits.duration(update, "delay", deployAt.appendProperty(key));
        edits.duration(update, "monitor", deployAt.appendProperty(key));
      }
    }
    if (deploy.get("restart_policy") instanceof ObjectNode restart) {
      edits.duration(restart, "delay", deployAt.appendProperty("restart_policy"));
      edits.duration(restart, "window", deployAt.appendProperty("restart_policy"));
    }
    if (deploy.get("resources") instanceof ObjectNode resources) {
      for (String key : List.of("limits", "reservations")) {
        if (resources.get(key) instanceof ObjectNode limits) {
          JsonPointer limitsAt = deployAt.appendProperty("resources").appendProperty(key);
          edits.size(limits, "memory", limitsAt);
          edits.canonical(limits, "cpus", limitsAt, ServiceNormaliser::cpus);
        }
      }
    }
  }

  private static String cpus(String text) {
    try {
      if (Double.parseDouble(text) >= 0) {
        return text;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "invalid cpus '" + text + "': use a decimal number of CPUs, e.g. '0.5' or '2'");
  }

  /** env_file entries first, then environment on top; an empty value is taken from the variables. */
  private void environment(ObjectNode service, JsonPointer at) {
    edits.toStringMap(service, "environment", at, "=", true);
    JsonNode envFiles = service.get("env_file");
    if (envFiles == null || !envFiles.isArray()) {
      return;
    }
    Map<String, String> merged = new LinkedHashMap<>();
    for (int i = 0; i < envFiles.size(); i++) {
      JsonPointer fileAt = at.appendProperty("env_file").appendIndex(i);
      edits
          .absolute(envFiles.get(i).asText(), fileAt)
          .ifPresent(file -> merged.putAll(EnvFile.read(
              Path.of(file), edits.variables, edits.origins.at(fileAt), edits.problems)));
    }
    ObjectNode environment = service.get("environment") instanceof ObjectNode given
        ? given
        : service.putObject("environment");
    JsonPointer envAt = at.appendProperty("environment");
    merged.forEach((name, value) -> {
      if (!environment.has(name)) {
        environment.put(name, value);
        edits.origins.put(
            envAt.appendProperty(name), edits.origins.at(at.appendProperty("env_file")));
      }
    });
    environment.properties().forEach(e -> {
      if (e.getValue().isNull() || e.getValue().asText().isEmpty()) {
        edits.variables.lookup(e.getKey()).ifPresent(v -> e.setValue(TextNode.valueOf(v)));
      }
    });
  }

  /** Mapping or list of {@code host:ip} / {@code host=ip} -> list of {@code host:ip}, brackets off IPv6. */
  private static void extraHosts(ObjectNode parent, String key) {
    JsonNode value = parent.get(key);
    List<String> hosts = new ArrayList<>();
    if (value instanceof ObjectNode map) {
      map.properties().forEach(e -> {
        if (!e.getValue().isNull()) {
          hosts.add(e.getKey() + ":" + e.getValue().asText());
        }
      });
      hosts.sort(null);
    } else if (value instanceof ArrayNode list) {
      list.forEach(entry -> separated(entry.asText()).ifPresent(hosts::add));
    } else {
      return;
    }
    ArrayNode out = parent.putArray(key);
    for (String host : hosts) {
      int colon = host.indexOf(':');
      String ip = host.substring(colon + 1);
      if (ip.length() > 2 && ip.startsWith("[") && ip.endsWith("]")) {
        ip = ip.substring(1, ip.length() - 1);
      }
      out.add(host.substring(0, colon) + ":" + ip);
    }
  }

  private static Optional<String> separated(String entry) {
    for (String separator : List.of("=", ":")) {
      int split = entry.indexOf(separator);
      if (split >= 0) {
        return Optional.of(entry.substring(0, split) + ":" + entry.substring(split + 1));
      }
    }
    return Optional.empty();
  }

  private void healthcheck(ObjectNode service, JsonPointer at) {
    if (!(service.get("healthcheck") instanceof ObjectNode health)) {
      return;
    }
    JsonPointer healthAt = at.appendProperty("healthcheck");
    if (health.get("test") instanceof TextNode test) {
      health.putArray("test").add("CMD-SHELL").add(test.textValue());
    }
    for (String key : List.of("interval", "timeout", "start_period", "start_interval")) {
      edits.duration(health, key, healthAt);
    }
  }

  /** {@code networks: [a, b]} -> {@code {a: null, b: null}}. */
  private static void networks(ObjectNode service) {
    if (service.get("networks") instanceof ArrayNode list) {
      ObjectNode map = service.objectNode();
      list.forEach(name -> map.set(name.asText(), NullNode.instance));
      service.set("networks", map);
    }
  }

  private void ports(ObjectNode service, JsonPointer at) {
    if (!(service.get("ports") instanceof ArrayNode list)) {
      return;
    }
    JsonPointer portsAt = at.appendProperty("ports");
    ArrayNode expanded = service.arrayNode();
    List<JsonPointer> from = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode port = list.get(i);
      JsonPointer portAt = portsAt.appendIndex(i);
      if (port.isObject()) {
        expanded.add(port);
        from.add(portAt);
        continue;
      }
      try {
        for (ObjectNode one :
            PortSyntax.expand(port.asText(), message -> edits.warning(portAt, message))) {
          expanded.add(one);
          from.add(portAt);
        }
      } catch (IllegalArgumentException e) {
        edits.error(portAt, e.getMessage());
      }
    }
    edits.replaceList(service, "ports", portsAt, expanded, from);
  }

  private void volumes(ObjectNode service, JsonPointer at) {
    if (!(service.get("volumes") instanceof ArrayNode list)) {
      return;
    }
    JsonPointer volumesAt = at.appendProperty("volumes");
    for (int i = 0; i < list.size(); i++) {
      JsonPointer volumeAt = volumesAt.appendIndex(i);
      if (list.get(i).isTextual()) {
        try {
          list.set(i, VolumeSyntax.parse(list.get(i).textValue()));
        } catch (IllegalArgumentException e) {
          edits.error(volumeAt, e.getMessage());
          continue;
        }
      }
      if (list.get(i) instanceof ObjectNode volume) {
        bindSource(volume, volumeAt);
        if (volume.get("tmpfs") instanceof ObjectNode tmpfs) {
          edits.size(tmpfs, "size", volumeAt.appendProperty("tmpfs"));
        }
      }
    }
  }

  private void bindSource(ObjectNode volume, JsonPointer at) {
    if (!"bind".equals(volume.path("type").asText())) {
      return;
    }
    String source = volume.path("source").asText("");
    if (source.isEmpty()) {
      edits.error(
          at,
          "invalid mount config for type \"bind\": field Source must not be empty; "
              + VolumeSyntax.EXPECTED);
      return;
    }
    volume.put("source", edits.absolute(source, at.appendProperty("source")).orElse(source));
  }
}
