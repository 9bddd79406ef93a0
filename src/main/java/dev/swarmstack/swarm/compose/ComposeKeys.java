package dev.swarmstack.swarm.compose;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The keys the compose file format v3.13 allows, object by object, as docker/cli's schema lists them.
 * Written as a table rather than read from the schema because the schema is not ours to ship.
 * Notation: {@code key} a value of any shape, {@code key:type} a nested object, {@code key:*type} a mapping
 * of names to objects, {@code key:[type} a list whose mapping entries are objects.
 */
final class ComposeKeys {

  /** How a key's value is checked: not at all, as one object, as a mapping of objects, or as a list of them. */
  enum Shape {
    ANY,
    OBJECT,
    MAP_OF,
    LIST_OF
  }

  record Child(Shape shape, String type) {}

  private static final Map<String, String> TABLE = Map.ofEntries(
      Map.entry(
          "root",
          "version services:*service networks:*network volumes:*volume secrets:*secret configs:*config"),
      Map.entry(
          "service",
          "build:build cap_add cap_drop cgroup_parent cgroupns_mode command configs:[fileRef"
              + " container_name credential_spec:credentialSpec depends_on deploy:deploy devices dns dns_search"
              + " domainname entrypoint env_file environment expose external_links extra_hosts healthcheck:healthcheck"
              + " hostname image init ipc isolation labels links logging:logging mac_address network_mode"
              + " networks:*serviceNetwork oom_score_adj pid ports:[port privileged read_only restart secrets:[fileRef"
              + " security_opt shm_size stdin_open stop_grace_period stop_signal sysctls tmpfs tty ulimits:*ulimit user"
              + " userns_mode volumes:[serviceVolume working_dir"),
      Map.entry(
          "build", "args cache_from context dockerfile extra_hosts labels network shm_size target"),
      Map.entry("fileRef", "gid mode source target uid"),
      Map.entry("credentialSpec", "config file registry"),
      Map.entry(
          "deploy",
          "endpoint_mode labels mode placement:placement replicas resources:resources"
              + " restart_policy:restartPolicy rollback_config:updateConfig update_config:updateConfig"),
      Map.entry("updateConfig", "delay failure_action max_failure_ratio monitor order parallelism"),
      Map.entry("resources", "limits:limits reservations:reservations"),
      Map.entry("limits", "cpus memory pids"),
      Map.entry("reservations", "cpus generic_resources:[genericResource memory"),
      Map.entry("genericResource", "discrete_resource_spec:discreteResourceSpec"),
      Map.entry("discreteResourceSpec", "kind value"),
      Map.entry("restartPolicy", "condition delay max_attempts window"),
      Map.entry("placement", "constraints max_replicas_per_node preferences:[preference"),
      Map.entry("preference", "spread"),
      Map.entry("healthcheck", "disable interval retries start_interval start_period test timeout"),
      Map.entry("logging", "driver options"),
      Map.entry("serviceNetwork", "aliases driver_opts ipv4_address ipv6_address"),
      Map.entry("port", "mode protocol published target"),
      Map.entry("ulimit", "hard soft"),
      Map.entry(
          "serviceVolume",
          "bind:volumeBind consistency read_only source target tmpfs:volumeTmpfs type volume:volumeVolume"),
      Map.entry("volumeBind", "propagation"),
      Map.entry("volumeVolume", "nocopy"),
      Map.entry("volumeTmpfs", "size"),
      Map.entry(
          "network",
          "attachable driver driver_opts external:external internal ipam:ipam labels name"),
      Map.entry("ipam", "config:[ipamPool driver"),
      Map.entry("ipamPool", "subnet"),
      Map.entry("external", "name"),
      Map.entry("volume", "driver driver_opts external:external labels name x-cluster-spec"),
      Map.entry("secret", "driver driver_opts external:external file labels name template_driver"),
      Map.entry("config", "external:external file labels name template_driver"));

  /** Objects whose own {@code x-*} keys are allowed, as the schema's pattern properties say. */
  private static final Set<String> EXTENSIBLE =
      Set.of("root", "service", "network", "volume", "secret", "config");

  private static final Map<String, Map<String, Child>> KEYS = parse();

  private ComposeKeys() {}

  private static Map<String, Map<String, Child>> parse() {
    Map<String, Map<String, Child>> keys = new HashMap<>();
    TABLE.forEach((type, spec) -> {
      Map<String, Child> children = new LinkedHashMap<>();
      for (String entry : spec.split(" ")) {
        int colon = entry.indexOf(':');
        if (colon < 0) {
          children.put(entry, new Child(Shape.ANY, null));
          continue;
        }
        String target = entry.substring(colon + 1);
        Shape shape =
            switch (target.charAt(0)) {
              case '*' -> Shape.MAP_OF;
              case '[' -> Shape.LIST_OF;
              default -> Shape.OBJECT;
            };
        children.put(
            entry.substring(0, colon),
            new Child(shape, shape == Shape.OBJECT ? target : target.substring(1)));
      }
      keys.put(type, children);
    });
    return keys;
  }

  /** The keys an object of {@code type} allows, with how each value is checked. */
  static Map<String, Child> of(String type) {
    return KEYS.get(type);
  }

  static boolean allowsExtensions(String type) {
    return EXTENSIBLE.contains(type);
  }
}
