package dev.swarmstack.swarm.maven.config;

import java.util.List;
import java.util.stream.Stream;

/** Maps one {@code <service>} to its compose entry; part of {@link PomStackMapper}. */
final class ServiceMapper {

  void map(ServiceConfig service, PomNode node) {
    node.put("image", service.image);
    command(service.command, node, "command");
    command(service.entrypoint, node, "entrypoint");
    node.put("environment", service.environment);
    node.put("env_file", service.envFile);
    node.put("labels", service.labels);
    deploy(service, node);
    ports(service.ports, node);
    networks(service.networks, node);
    mounts(service.volumes, node);
    fileReferences(service.secrets, node, "secrets");
    fileReferences(service.configs, node, "configs");
    healthcheck(service.healthcheck, node);
    logging(service.logging, node);
    node.put("stop_grace_period", service.stopGracePeriod);
    node.put("stop_signal", service.stopSignal);
    node.put("user", service.user);
    node.put("working_dir", service.workingDir);
    node.put("hostname", service.hostname);
    node.put("dns", service.dns);
    node.put("dns_search", service.dnsSearch);
    node.put("extra_hosts", service.extraHosts);
    node.put("cap_add", service.capAdd);
    node.put("cap_drop", service.capDrop);
    node.put("sysctls", service.sysctls);
    ulimits(service.ulimits, node);
    node.put("init", service.init);
    node.put("read_only", service.readOnly);
    node.put("tty", service.tty);
    node.put("stdin_open", service.stdinOpen);
    node.put("isolation", service.isolation);
    credentialSpec(service.credentialSpec, node);
    node.put("oom_score_adj", service.oomScoreAdj);
  }

  /** A string (shell form) or a list (exec form), as compose accepts both. */
  private static void command(CommandConfig command, PomNode node, String key) {
    if (command == null) {
      return;
    }
    if (command.line != null && !command.args.isEmpty()) {
      node.error(
          "<" + PomNode.camelCase(key) + ">",
          "give the command either as one string or as <arg> elements, not both");
      return;
    }
    node.put(key, command.line != null ? command.line : command.args);
  }

  /** Deploy keys on {@code <service>} and in {@code <deploy>} go to one {@code deploy:}; a key set in both is an error. */
  private static void deploy(ServiceConfig service, PomNode node) {
    // with no <deploy>, the deploy section's own origin is the <service> that carries its keys
    PomNode deploy = node.object("deploy", service.deploy == null ? "" : "<deploy>");
    deployKeys(service, deploy.as(node.element()));
    if (service.deploy != null) {
      deployKeys(service.deploy, deploy);
      deploy.put("labels", service.deploy.labels);
    }
    node.dropIfEmpty("deploy");
  }

  private static void deployKeys(DeployKeys keys, PomNode deploy) {
    deploy.put("mode", keys.mode);
    deploy.put("replicas", keys.replicas);
    deploy.put("endpoint_mode", keys.endpointMode);
    updateConfig(keys.updateConfig, deploy, "update_config");
    updateConfig(keys.rollbackConfig, deploy, "rollback_config");
    resources(keys.resources, deploy);
    restartPolicy(keys.restartPolicy, deploy);
    placement(keys.placement, deploy);
  }

  private static void updateConfig(UpdateConfig update, PomNode deploy, String key) {
    if (update == null) {
      return;
    }
    PomNode node = deploy.object(key);
    node.put("parallelism", update.parallelism);
    node.put("delay", update.delay);
    node.put("failure_action", update.failureAction);
    node.put("monitor", update.monitor);
    node.put("max_failure_ratio", update.maxFailureRatio);
    node.put("order", update.order);
  }

  private static void resources(ResourcesConfig resources, PomNode deploy) {
    if (resources == null) {
      return;
    }
    PomNode node = deploy.object("resources");
    if (resources.limits != null) {
      PomNode limits = node.object("limits");
      limits.put("cpus", resources.limits.cpus);
      limits.put("memory", resources.limits.memory);
      limits.put("pids", resources.limits.pids);
    }
    if (resources.reservations != null) {
      PomNode reservations = node.object("reservations");
      reservations.put("cpus", resources.reservations.cpus);
      reservations.put("memory", resources.reservations.memory);
      List<ResourcesConfig.GenericResource> generic =
          orEmpty(resources.reservations.genericResources);
      for (int i = 0; i < generic.size(); i++) {
        PomNode spec = reservations
            .append("generic_resources", "<genericResources>[" + (i + 1) + "]")
            .object("discrete_resource_spec", "");
        spec.put("kind", generic.get(i).kind);
        spec.put("value", generic.get(i).value);
      }
    }
  }

  private static void restartPolicy(RestartPolicyConfig policy, PomNode deploy) {
    if (policy == null) {
      return;
    }
    PomNode node = deploy.object("restart_policy");
    node.put("condition", policy.condition);
    node.put("delay", policy.delay);
    node.put("max_attempts", policy.maxAttempts);
    node.put("window", policy.window);
  }

  private static void placement(PlacementConfig placement, PomNode deploy) {
    if (placement == null) {
      return;
    }
    PomNode node = deploy.object("placement");
    node.put("constraints", placement.constraints);
    List<PreferenceConfig> preferences = orEmpty(placement.preferences);
    for (int i = 0; i < preferences.size(); i++) {
      node.append("preferences", "<preferences>[" + (i + 1) + "]")
          .put("spread", preferences.get(i).spread);
    }
    node.put("max_replicas_per_node", placement.maxReplicasPerNode);
  }

  private static void ports(List<PortConfig> ports, PomNode service) {
    List<PortConfig> all = orEmpty(ports);
    for (int i = 0; i < all.size(); i++) {
      PortConfig port = all.get(i);
      String item = "<ports>[" + (i + 1) + "]";
      if (shortOrLong(
          service, item, port.spec, port.target, port.published, port.protocol, port.mode)) {
        service.appendValue("ports", item, port.spec);
      } else {
        PomNode node = service.append("ports", item);
        node.put("mode", port.mode);
        node.put("target", port.target);
        node.put("published", port.published);
        node.put("protocol", port.protocol);
      }
    }
  }

  /**
   * Networks always go out in compose's map form, the one that can carry aliases; a network without options
   * maps to {@code null}, as compose writes {@code backend:}.
   */
  private static void networks(List<ServiceNetworkConfig> networks, PomNode service) {
    List<ServiceNetworkConfig> all = orEmpty(networks);
    if (all.isEmpty()) {
      return;
    }
    PomNode map = service.object("networks");
    for (int i = 0; i < all.size(); i++) {
      ServiceNetworkConfig network = all.get(i);
      String item = "<networks>[" + (i + 1) + "]";
      if (network.name == null || network.name.isBlank()) {
        service.error(
            item, "the network has no name: write <network>backend</network> or add <name>");
      } else if (orEmpty(network.aliases).isEmpty() && network.driverOpts == null) {
        map.as(service.element() + item).putNull(network.name);
      } else {
        PomNode node = map.object(network.name, "").as(service.element() + item);
        node.put("aliases", network.aliases);
        node.put("driver_opts", network.driverOpts);
      }
    }
  }

  private static void mounts(List<MountConfig> mounts, PomNode service) {
    List<MountConfig> all = orEmpty(mounts);
    for (int i = 0; i < all.size(); i++) {
      MountConfig mount = all.get(i);
      String item = "<volumes>[" + (i + 1) + "]";
      if (shortOrLong(
          service,
          item,
          mount.spec,
          mount.type,
          mount.source,
          mount.target,
          mount.readOnly,
          mount.consistency,
          mount.bind,
          mount.volume,
          mount.tmpfs)) {
        service.appendValue("volumes", item, mount.spec);
        continue;
      }
      PomNode node = service.append("volumes", item);
      node.put("type", mount.type);
      node.put("source", mount.source);
      node.put("target", mount.target);
      node.put("read_only", mount.readOnly);
      node.put("consistency", mount.consistency);
      if (mount.bind != null) {
        node.object("bind").put("propagation", mount.bind.propagation);
      }
      if (mount.volume != null) {
        node.object("volume").put("nocopy", mount.volume.nocopy);
      }
      if (mount.tmpfs != null) {
        node.object("tmpfs").put("size", mount.tmpfs.size);
      }
    }
  }

  private static void fileReferences(
      List<FileReferenceConfig> references, PomNode service, String key) {
    List<FileReferenceConfig> all = orEmpty(references);
    for (int i = 0; i < all.size(); i++) {
      FileReferenceConfig reference = all.get(i);
      String item = "<" + key + ">[" + (i + 1) + "]";
      // with no source either, the long form: the validator names a reference without a source,
      // where
      // a short form would be a null entry
      if (reference.source != null
          && reference.target == null
          && reference.uid == null
          && reference.gid == null
          && reference.mode == null) {
        service.appendValue(key, item, reference.source);
        continue;
      }
      PomNode node = service.append(key, item);
      node.put("source", reference.source);
      node.put("target", reference.target);
      node.put("uid", reference.uid);
      node.put("gid", reference.gid);
      node.put("mode", fileMode(reference.mode, node));
    }
  }

  /** Compose's YAML reads {@code 0440} as octal; the pom's text is read the same way. */
  private static Long fileMode(String mode, PomNode reference) {
    if (mode == null) {
      return null;
    }
    String digits = mode.strip();
    try {
      return digits.length() > 1 && digits.startsWith("0")
          ? Long.parseLong(digits, 8)
          : Long.parseLong(digits);
    } catch (NumberFormatException e) {
      reference.error(
          "<mode>",
          "invalid file mode '" + mode + "': use octal digits with a leading zero, e.g. 0440");
      return null;
    }
  }

  private static void healthcheck(HealthcheckConfig healthcheck, PomNode service) {
    if (healthcheck == null) {
      return;
    }
    PomNode node = service.object("healthcheck");
    command(healthcheck.test, node, "test");
    node.put("interval", healthcheck.interval);
    node.put("timeout", healthcheck.timeout);
    node.put("retries", healthcheck.retries);
    node.put("start_period", healthcheck.startPeriod);
    node.put("start_interval", healthcheck.startInterval);
    node.put("disable", healthcheck.disable);
  }

  private static void logging(LoggingConfig logging, PomNode service) {
    if (logging != null) {
      PomNode node = service.object("logging");
      node.put("driver", logging.driver);
      node.put("options", logging.options);
    }
  }

  private static void ulimits(List<UlimitConfig> ulimits, PomNode service) {
    List<UlimitConfig> all = orEmpty(ulimits);
    if (all.isEmpty()) {
      return;
    }
    PomNode map = service.object("ulimits");
    for (int i = 0; i < all.size(); i++) {
      UlimitConfig ulimit = all.get(i);
      PomNode item = map.as(service.element() + "<ulimits>[" + (i + 1) + "]");
      if (ulimit.name == null || ulimit.name.isBlank()) {
        item.error("", "the ulimit has no <name>: add one, e.g. <name>nofile</name>");
      } else if (ulimit.value != null) {
        item.put(ulimit.name, "value", ulimit.value);
      } else {
        PomNode limits = map.object(ulimit.name, "").as(item.element());
        limits.put("soft", ulimit.soft);
        limits.put("hard", ulimit.hard);
      }
    }
  }

  private static void credentialSpec(CredentialSpecConfig spec, PomNode service) {
    if (spec != null) {
      PomNode node = service.object("credential_spec");
      node.put("config", spec.config);
      node.put("file", spec.file);
      node.put("registry", spec.registry);
    }
  }

  /**
   * True for the short form; false for the long form. Both at once is reported, and the long form is then
   * kept so the loader reports what else is wrong with it.
   */
  private static boolean shortOrLong(
      PomNode service, String item, String shortForm, Object... longFields) {
    boolean anyLong = Stream.of(longFields).anyMatch(f -> f != null);
    if (shortForm != null && anyLong) {
      service.error(
          item,
          "write either the short form as the element's text or the long form with child "
              + "elements, not both");
    }
    return shortForm != null && !anyLong;
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
