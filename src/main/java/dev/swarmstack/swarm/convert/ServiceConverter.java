package dev.swarmstack.swarm.convert;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.model.Deploy;
import dev.swarmstack.swarm.model.Network;
import dev.swarmstack.swarm.model.Service;
import dev.swarmstack.swarm.stack.StackLabels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/** One compose service as a ServiceSpec, field for field as docker/cli's {@code convert/service.go}. */
final class ServiceConverter {

  private final ConversionContext context;
  private final Environment environment;
  private final Mounts mounts;

  ServiceConverter(ConversionContext context) {
    this.context = context;
    this.environment = new Environment(context);
    this.mounts = new Mounts(context);
  }

  ObjectNode convert(String name, Service service) {
    Deploy deploy = service.deploy();
    Deployment deployment = new Deployment(context, name);
    FileReferences references = new FileReferences(context, name);

    ObjectNode spec = Json.object();
    spec.put("Name", context.scope(name));
    SortedMap<String, String> labels =
        context.withStackLabel(deploy == null ? null : deploy.labels());
    labels.put(StackLabels.IMAGE, service.image() == null ? "" : service.image());
    spec.set("Labels", Json.stringMap(labels));

    ObjectNode task = spec.putObject("TaskTemplate");
    task.set("ContainerSpec", containerSpec(name, service, references));
    task.set("Resources", deployment.resources(deploy == null ? null : deploy.resources()));
    ObjectNode restartPolicy =
        deployment.restartPolicy(service.restart(), deploy == null ? null : deploy.restartPolicy());
    if (restartPolicy != null) {
      task.set("RestartPolicy", restartPolicy);
    }
    task.set("Placement", Deployment.placement(deploy == null ? null : deploy.placement()));
    task.set("Networks", networks(name, service.networks()));
    if (service.logging() != null) {
      ObjectNode logDriver = task.putObject("LogDriver");
      Json.putText(logDriver, "Name", service.logging().driver());
      Json.putStringMap(logDriver, "Options", service.logging().options());
    }

    spec.set("Mode", deployment.mode(deploy));
    if (deploy != null && deploy.updateConfig() != null) {
      spec.set("UpdateConfig", Deployment.updateConfig(deploy.updateConfig()));
    }
    if (deploy != null && deploy.rollbackConfig() != null) {
      spec.set("RollbackConfig", Deployment.updateConfig(deploy.rollbackConfig()));
    }
    spec.set(
        "EndpointSpec",
        Deployment.endpointSpec(deploy == null ? null : deploy.endpointMode(), service.ports()));
    return spec;
  }

  private ObjectNode containerSpec(String name, Service service, FileReferences references) {
    ObjectNode container = Json.object();
    Json.putText(container, "Image", service.image());
    container.set("Labels", Json.stringMap(context.withStackLabel(service.labels())));
    Json.putStrings(container, "Command", service.entrypoint());
    Json.putStrings(container, "Args", service.command());
    Json.putText(container, "Hostname", service.hostname());
    Json.putStrings(container, "Env", environment.of(name, service));
    Json.putText(container, "Dir", service.workingDir());
    Json.putText(container, "User", service.user());
    ArrayNode configs = references.configs(service.configs(), service.credentialSpec());
    ObjectNode privileges = container.putObject("Privileges");
    ObjectNode credentialSpec = references.credentialSpec(service.credentialSpec(), configs);
    if (credentialSpec != null) {
      privileges.set("CredentialSpec", credentialSpec);
    }
    if (service.init() != null) {
      container.put("Init", service.init());
    }
    Json.putText(container, "StopSignal", service.stopSignal());
    Json.putTrue(container, "TTY", service.tty());
    Json.putTrue(container, "OpenStdin", service.stdinOpen());
    Json.putTrue(container, "ReadOnly", service.readOnly());
    putNonEmpty(container, "Mounts", mounts.convert(name, service.volumes()));
    Deployment.putDuration(container, "StopGracePeriod", service.stopGracePeriod());
    ObjectNode healthcheck = healthcheck(name, service.healthcheck());
    if (healthcheck != null) {
      container.set("Healthcheck", healthcheck);
    }
    Json.putStrings(container, "Hosts", hosts(service.extraHosts()));
    ObjectNode dns = dnsConfig(service.dns(), service.dnsSearch());
    if (dns != null) {
      container.set("DNSConfig", dns);
    }
    putNonEmpty(container, "Secrets", references.secrets(service.secrets()));
    putNonEmpty(container, "Configs", configs);
    Json.putText(container, "Isolation", service.isolation());
    Json.putStringMap(container, "Sysctls", service.sysctls());
    Capabilities.effective(service.capAdd(), service.capDrop(), container);
    putNonEmpty(container, "Ulimits", ulimits(service.ulimits()));
    Json.putNonZero(
        container, "OomScoreAdj", service.oomScoreAdj() == null ? 0 : service.oomScoreAdj());
    return container;
  }

  private static void putNonEmpty(ObjectNode target, String field, ArrayNode array) {
    if (!array.isEmpty()) {
      target.set(field, array);
    }
  }

  /** Attachments sorted by target; aliases get the short service name on user-defined networks. */
  private ArrayNode networks(String name, Map<String, Service.ServiceNetwork> attached) {
    Map<String, Service.ServiceNetwork> networks = new TreeMap<>();
    if (attached == null || attached.isEmpty()) {
      networks.put(StackObjects.DEFAULT_NETWORK, null);
    } else {
      networks.putAll(attached);
    }
    List<ObjectNode> attachments = new ArrayList<>();
    networks.forEach((key, attachment) -> {
      Network declared = context.compose.networksOrEmpty().get(key);
      if (declared == null && !key.equals(StackObjects.DEFAULT_NETWORK)) {
        context.serviceError(
            name,
            "undefined network \"" + key + "\": declare it under the top-level networks:",
            "networks",
            key);
        return;
      }
      String target = declared == null
          ? context.scope(key)
          : context.objectName(key, declared.name(), declared.external());
      List<String> aliases = new ArrayList<>();
      if (attachment != null && attachment.aliases() != null) {
        aliases.addAll(attachment.aliases());
      }
      if (StackObjects.isUserDefinedNetwork(target)) {
        aliases.add(name);
      }
      ObjectNode node = Json.object();
      node.put("Target", target);
      Json.putStrings(node, "Aliases", aliases);
      Json.putStringMap(node, "DriverOpts", attachment == null ? null : attachment.driverOpts());
      attachments.add(node);
    });
    attachments.sort(Comparator.comparing(n -> n.get("Target").asText()));
    ArrayNode array = Json.array();
    attachments.forEach(array::add);
    return array;
  }

  private ObjectNode healthcheck(String name, Service.Healthcheck healthcheck) {
    if (healthcheck == null) {
      return null;
    }
    ObjectNode result = Json.object();
    if (Boolean.TRUE.equals(healthcheck.disable())) {
      if (healthcheck.test() != null && !healthcheck.test().isEmpty()) {
        context.serviceError(
            name,
            "test and disable can't be set at the same time: remove one of them",
            "healthcheck");
      }
      result.set("Test", Json.strings(List.of("NONE")));
      return result;
    }
    Json.putStrings(result, "Test", healthcheck.test());
    Json.putNonZero(
        result,
        "Interval",
        healthcheck.interval() == null ? 0 : healthcheck.interval().nanos());
    Json.putNonZero(
        result,
        "Timeout",
        healthcheck.timeout() == null ? 0 : healthcheck.timeout().nanos());
    Json.putNonZero(
        result,
        "StartPeriod",
        healthcheck.startPeriod() == null ? 0 : healthcheck.startPeriod().nanos());
    Json.putNonZero(
        result,
        "StartInterval",
        healthcheck.startInterval() == null ? 0 : healthcheck.startInterval().nanos());
    Json.putNonZero(result, "Retries", healthcheck.retries() == null ? 0 : healthcheck.retries());
    return result;
  }

  /** {@code host:ip} becomes swarmkit's {@code ip host}; entries without a colon are dropped, as the CLI does. */
  private static List<String> hosts(List<String> extraHosts) {
    List<String> hosts = new ArrayList<>();
    if (extraHosts != null) {
      for (String entry : extraHosts) {
        int colon = entry.indexOf(':');
        if (colon >= 0) {
          hosts.add(entry.substring(colon + 1) + " " + entry.substring(0, colon));
        }
      }
    }
    return hosts;
  }

  /** Nameservers that are not IP addresses are dropped, as the CLI drops them. */
  private static ObjectNode dnsConfig(List<String> dns, List<String> search) {
    boolean hasDns = dns != null && !dns.isEmpty();
    boolean hasSearch = search != null && !search.isEmpty();
    if (!hasDns && !hasSearch) {
      return null;
    }
    ObjectNode result = Json.object();
    if (hasDns) {
      Json.putStrings(
          result, "Nameservers", dns.stream().filter(IpAddresses::isLiteral).toList());
    }
    Json.putStrings(result, "Search", search);
    return result;
  }

  /** Sorted by name; {@code single} sets both soft and hard. */
  private static ArrayNode ulimits(SortedMap<String, Service.Ulimit> ulimits) {
    ArrayNode array = Json.array();
    if (ulimits != null) {
      new TreeSet<>(ulimits.keySet()).forEach(key -> {
        Service.Ulimit limit = ulimits.get(key);
        long single = limit.single() == null ? 0 : limit.single();
        ObjectNode node = array.addObject();
        node.put("Name", key);
        node.put("Hard", single != 0 ? single : limit.hard() == null ? 0 : limit.hard());
        node.put("Soft", single != 0 ? single : limit.soft() == null ? 0 : limit.soft());
      });
    }
    return array;
  }
}
