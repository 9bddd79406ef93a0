package dev.swarmstack.swarm.validate;

import dev.swarmstack.swarm.model.Network;
import dev.swarmstack.swarm.model.Service;
import dev.swarmstack.swarm.model.Service.FileReference;
import dev.swarmstack.swarm.model.ServiceVolume;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every network, secret, config and named volume a service uses is declared at the top level. */
final class ReferenceCheck implements Check {

  /**
   * Services without networks join {@code default}, which the CLI creates without a declaration; the predefined
   * networks are {@link NetworkCheck}'s, which explains what to do with each.
   */
  private static final String DEFAULT_NETWORK = "default";

  @Override
  public void run(Findings findings) {
    var compose = findings.compose();
    for (Map.Entry<String, Service> entry : compose.servicesOrEmpty().entrySet()) {
      String service = entry.getKey();
      Service s = entry.getValue();
      if (s.networks() != null) {
        for (String network : s.networks().keySet()) {
          if (!network.equals(DEFAULT_NETWORK) && !Network.PREDEFINED.contains(network)) {
            require(
                findings,
                "network",
                network,
                compose.networksOrEmpty().keySet(),
                "services",
                service,
                "networks",
                network);
          }
        }
      }
      checkFiles(
          findings, "secret", "secrets", s.secrets(), compose.secretsOrEmpty().keySet(), service);
      checkFiles(
          findings, "config", "configs", s.configs(), compose.configsOrEmpty().keySet(), service);
      List<ServiceVolume> volumes = s.volumes() == null ? List.of() : s.volumes();
      for (int i = 0; i < volumes.size(); i++) {
        ServiceVolume volume = volumes.get(i);
        if ("volume".equals(volume.type()) && volume.source() != null) {
          require(
              findings,
              "volume",
              volume.source(),
              compose.volumesOrEmpty().keySet(),
              "services",
              service,
              "volumes",
              i);
        }
      }
    }
  }

  private static void checkFiles(
      Findings findings,
      String kind,
      String section,
      List<FileReference> references,
      Set<String> declared,
      String service) {
    if (references == null) {
      return;
    }
    for (int i = 0; i < references.size(); i++) {
      String source = references.get(i).source();
      if (source
          == null) { // the long form without source:, which the CLI turns into a lookup of "" that
        // fails
        findings.error(
            "service " + service + " mounts a " + kind
                + " without naming it: add its source (source: in a"
                + " compose file, <source> in the pom), one of the " + kind
                + "s declared at the top level",
            "services",
            service,
            section,
            i);
      } else {
        require(findings, kind, source, declared, "services", service, section, i);
      }
    }
  }

  private static void require(
      Findings findings, String kind, String name, Set<String> declared, Object... path) {
    if (!declared.contains(name)) {
      String known = declared.isEmpty()
          ? "none is declared"
          : "declared: " + String.join(", ", declared.stream().sorted().toList());
      findings.error(
          "service " + path[1] + " uses " + kind + " '" + name
              + "', which is not declared at the top level (" + known + "); declare it under "
              + kind + "s, or fix the name",
          path);
    }
  }
}
