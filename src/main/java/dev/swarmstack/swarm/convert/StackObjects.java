package dev.swarmstack.swarm.convert;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.model.FileObject;
import dev.swarmstack.swarm.model.Network;
import dev.swarmstack.swarm.model.Service;
import dev.swarmstack.swarm.problem.Origin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;

/** The stack's networks, secrets and configs, as docker/cli's {@code convert/compose.go} builds them. */
final class StackObjects {

  static final String DEFAULT_NETWORK = "default";
  private static final String DEFAULT_NETWORK_DRIVER = "overlay";

  private final ConversionContext context;

  StackObjects(ConversionContext context) {
    this.context = context;
  }

  /** True for a network name that is neither built in nor {@code container:<id>}. */
  static boolean isUserDefinedNetwork(String name) {
    return !Network.isBuiltIn(name);
  }

  /** Networks used by at least one service; a service without networks uses {@code default}. */
  static SortedSet<String> usedNetworks(Map<String, Service> services) {
    SortedSet<String> used = new TreeSet<>();
    for (Service service : services.values()) {
      if (service.networks() == null || service.networks().isEmpty()) {
        used.add(DEFAULT_NETWORK);
      } else {
        used.addAll(service.networks().keySet());
      }
    }
    return used;
  }

  /** Fills {@code created} with NetworkCreateRequest bodies and {@code external} with names to check. */
  void networks(SortedMap<String, ObjectNode> created, SortedSet<String> external) {
    Map<String, Network> declared = context.compose.networksOrEmpty();
    for (String key : usedNetworks(context.compose.servicesOrEmpty())) {
      Network network = declared.get(key);
      if (network == null) {
        // an undeclared network is reported by the service that names it; `default` needs no
        // declaration
        if (key.equals(DEFAULT_NETWORK)) {
          created.put(context.scope(key), networkRequest(context.scope(key), emptyNetwork()));
        }
        continue;
      }
      String name = context.objectName(key, network.name(), network.external());
      if (Boolean.TRUE.equals(network.external())) {
        if (isUserDefinedNetwork(name)) {
          external.add(name);
        }
      } else {
        created.put(name, networkRequest(name, network));
      }
    }
  }

  /** Where each used network is declared, by engine name; for the implicit default network, the first service on it by name. */
  SortedMap<String, Origin> networkOrigins() {
    SortedMap<String, Origin> origins = new TreeMap<>();
    Map<String, Network> declared = context.compose.networksOrEmpty();
    context.compose.servicesOrEmpty().forEach((service, definition) -> {
      if (definition.networks() == null || definition.networks().isEmpty()) {
        origins.putIfAbsent(context.scope(DEFAULT_NETWORK), context.origin("services", service));
      }
    });
    declared.forEach((key, network) -> {
      if (network != null) {
        origins.put(
            context.objectName(key, network.name(), network.external()),
            context.origin("networks", key));
      }
    });
    return origins;
  }

  /** Where each service's published ports are written, by {@link ConvertedStack#portKey}. */
  SortedMap<String, Origin> portOrigins() {
    SortedMap<String, Origin> origins = new TreeMap<>();
    context.compose.servicesOrEmpty().forEach((service, definition) -> {
      List<Service.Port> ports = definition.ports() == null ? List.of() : definition.ports();
      for (int i = 0; i < ports.size(); i++) {
        Service.Port port = ports.get(i);
        if (port.published() != null) {
          origins.putIfAbsent(
              ConvertedStack.portKey(
                  context.scope(service),
                  Integer.toUnsignedLong(port.published()),
                  port.protocol()),
              context.origin("services", service, "ports", i));
        }
      }
    });
    return origins;
  }

  private static Network emptyNetwork() {
    return new Network(null, null, null, null, null, null, null, null, null);
  }

  private ObjectNode networkRequest(String name, Network network) {
    ObjectNode request = Json.object();
    request.put("Name", name);
    request.put(
        "Driver",
        network.driver() == null || network.driver().isEmpty()
            ? DEFAULT_NETWORK_DRIVER
            : network.driver());
    Json.putStringMap(request, "Options", network.driverOpts());
    request.set("Labels", Json.stringMap(context.withStackLabel(network.labels())));
    Json.putTrue(request, "Internal", network.internal());
    Json.putTrue(request, "Attachable", network.attachable());
    Network.Ipam ipam = network.ipam();
    boolean hasIpam = ipam != null
        && ((ipam.driver() != null && !ipam.driver().isEmpty())
            || (ipam.config() != null && !ipam.config().isEmpty()));
    if (hasIpam) {
      // the CLI passes on only the driver and the subnets; gateway, ip_range and options are
      // dropped
      ObjectNode ipamNode = request.putObject("IPAM");
      Json.putText(ipamNode, "Driver", ipam.driver());
      if (ipam.config() != null && !ipam.config().isEmpty()) {
        var configs = ipamNode.putArray("Config");
        ipam.config().forEach(pool -> configs.addObject().put("Subnet", pool.subnet()));
      }
    }
    return request;
  }

  /** SecretSpec of every non-external secret. */
  SortedMap<String, ObjectNode> secrets() {
    return fileObjects(context.compose.secretsOrEmpty(), this::secretSpec);
  }

  /** ConfigSpec of every non-external config; configs have no driver. */
  SortedMap<String, ObjectNode> configs() {
    return fileObjects(context.compose.configsOrEmpty(), this::configSpec);
  }

  ObjectNode secretSpec(String key, FileObject secret) {
    return fileObjectSpec("secrets", key, secret, true);
  }

  ObjectNode configSpec(String key, FileObject config) {
    return fileObjectSpec("configs", key, config, false);
  }

  private static SortedMap<String, ObjectNode> fileObjects(
      Map<String, FileObject> objects, BiFunction<String, FileObject, ObjectNode> toSpec) {
    SortedMap<String, ObjectNode> specs = new TreeMap<>();
    objects.forEach((key, object) -> {
      if (!Boolean.TRUE.equals(object.external())) {
        ObjectNode spec = toSpec.apply(key, object);
        specs.put(spec.get("Name").asText(), spec);
      }
    });
    return specs;
  }

  private ObjectNode fileObjectSpec(
      String kind, String key, FileObject object, boolean driverAllowed) {
    ObjectNode spec = Json.object();
    spec.put("Name", context.objectName(key, object.name(), false));
    spec.set("Labels", Json.stringMap(context.withStackLabel(object.labels())));
    boolean hasDriver =
        driverAllowed && object.driver() != null && !object.driver().isEmpty();
    if (hasDriver) {
      ObjectNode driver = spec.putObject("Driver");
      driver.put("Name", object.driver());
      Json.putStringMap(driver, "Options", object.driverOpts());
    } else {
      readData(kind, key, object, spec);
    }
    if (object.templateDriver() != null && !object.templateDriver().isEmpty()) {
      spec.putObject("Templating").put("Name", object.templateDriver());
    }
    return spec;
  }

  private void readData(String kind, String key, FileObject object, ObjectNode spec) {
    String singular = kind.substring(0, kind.length() - 1);
    if (object.content() != null) {
      putData(spec, object.content().bytes());
      return;
    }
    if (object.file() == null || object.file().isEmpty()) {
      context.error(
          singular + " '" + key
              + "' has no file: set file: to the path of its content, or external: true",
          kind,
          key);
      return;
    }
    Path file = context.workingDir == null
        ? Path.of(object.file())
        : context.workingDir.resolve(object.file());
    try {
      putData(spec, Files.readAllBytes(file));
    } catch (IOException e) {
      // the path only, never the content
      context.error(
          "cannot read the file of " + singular + " '" + key + "' (" + file + "): "
              + e.getClass().getSimpleName() + "; check that the file exists and is readable",
          kind,
          key,
          "file");
    }
  }

  /** As the CLI sends it: empty content is no {@code Data} at all. */
  private static void putData(ObjectNode spec, byte[] data) {
    if (data.length > 0) {
      spec.put("Data", Base64.getEncoder().encodeToString(data));
    }
  }
}
