package dev.swarmstack.swarm.validate;

import dev.swarmstack.swarm.model.Service;
import dev.swarmstack.swarm.model.Service.Port;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Ports: valid values, endpoint mode, and clashes across the stack. An ingress port is opened on every node
 * of the swarm, so the engine refuses any other service publishing the same number and protocol (ingress or
 * host mode); two host-mode ports only clash on a node that runs tasks of both, which limits placement.
 */
final class PortCheck implements Check {

  private static final List<String> PROTOCOLS = List.of("tcp", "udp", "sctp");
  private static final List<String> MODES = List.of("ingress", "host");
  private static final int MAX_PORT = 65535;

  private record Use(String service, int index, String mode) {}

  @Override
  public void run(Findings findings) {
    Map<String, List<Use>> byPublished = new LinkedHashMap<>();
    for (Map.Entry<String, Service> entry : findings.compose().servicesOrEmpty().entrySet()) {
      String service = entry.getKey();
      List<Port> ports =
          entry.getValue().ports() == null ? List.of() : entry.getValue().ports();
      List<String> ingress = new ArrayList<>();
      for (int i = 0; i < ports.size(); i++) {
        Port port = ports.get(i);
        String mode = port.mode() == null ? "ingress" : port.mode();
        String protocol = port.protocol() == null ? "tcp" : port.protocol();
        checkValues(findings, port, mode, protocol, service, i);
        if (mode.equals("ingress")) {
          ingress.add(describe(port, protocol));
        }
        if (port.published() != null) {
          byPublished
              .computeIfAbsent(port.published() + "/" + protocol, k -> new ArrayList<>())
              .add(new Use(service, i, mode));
        }
      }
      checkEndpointMode(findings, service, entry.getValue(), ingress);
    }
    byPublished.forEach((published, uses) -> reportClashes(findings, published, uses));
  }

  /** One error per service, however many ports it publishes: the fix is the same for all of them. */
  private static void checkEndpointMode(
      Findings findings, String service, Service definition, List<String> ingress) {
    if (isDnsrr(definition) && !ingress.isEmpty()) {
      findings.error(
          "service " + service
              + " uses endpoint_mode dnsrr, which the engine refuses with ingress ports ("
              + String.join(", ", ingress)
              + "): publish them with mode: host, or use endpoint_mode vip",
          "services",
          service,
          "ports");
    }
  }

  private static String describe(Port port, String protocol) {
    return (port.published() == null ? "" : port.published() + ":") + port.target() + "/"
        + protocol;
  }

  static boolean isDnsrr(Service service) {
    return service.deploy() != null
        && service.deploy().endpointMode() != null
        && service.deploy().endpointMode().toLowerCase(Locale.ROOT).equals("dnsrr");
  }

  private static void checkValues(
      Findings findings, Port port, String mode, String protocol, String service, int i) {
    ServiceSettingsCheck.oneOf(
        findings, "port mode", mode, MODES, "services", service, "ports", i, "mode");
    ServiceSettingsCheck.oneOf(
        findings,
        "port protocol",
        protocol,
        PROTOCOLS,
        "services",
        service,
        "ports",
        i,
        "protocol");
    if (port.target() == null || port.target() < 1 || port.target() > MAX_PORT) {
      findings.error(
          "port target must be a container port between 1 and " + MAX_PORT + ", not "
              + port.target(),
          "services",
          service,
          "ports",
          i,
          "target");
    }
    if (port.published() != null && (port.published() < 1 || port.published() > MAX_PORT)) {
      findings.error(
          "published port must be between 1 and " + MAX_PORT + ", not " + port.published()
              + " (leave it out to let the swarm choose one)",
          "services",
          service,
          "ports",
          i,
          "published");
    }
  }

  private static void reportClashes(Findings findings, String published, List<Use> uses) {
    for (int i = 1; i < uses.size(); i++) {
      Use use = uses.get(i);
      List<Use> before = uses.subList(0, i);
      // the engine refuses a port that another service publishes in ingress mode, or in any mode if
      // this one is ingress
      Use blocking = before.stream()
          .filter(u -> u.mode().equals("ingress") || use.mode().equals("ingress"))
          .findFirst()
          .orElse(null);
      if (blocking != null) {
        findings.error(
            alsoPublishedBy(published, blocking)
                + ": an ingress port is open on every node, so no other"
                + " service can publish the same port in any mode; choose another published port",
            "services",
            use.service(),
            "ports",
            use.index());
      } else {
        findings.warning(
            alsoPublishedBy(published, before.get(0)) + ": a node can bind it for one task only, so"
                + " tasks stay pending on nodes where it is taken; use different published ports unless placement keeps"
                + " the tasks apart",
            "services",
            use.service(),
            "ports",
            use.index());
      }
    }
  }

  private static String alsoPublishedBy(String published, Use other) {
    return "port " + published + " is also published by service " + other.service() + " (ports["
        + other.index() + "])";
  }
}
