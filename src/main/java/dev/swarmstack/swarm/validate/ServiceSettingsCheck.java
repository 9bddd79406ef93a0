package dev.swarmstack.swarm.validate;

import dev.swarmstack.swarm.model.Deploy;
import dev.swarmstack.swarm.model.Deploy.UpdateConfig;
import dev.swarmstack.swarm.model.ImageReference;
import dev.swarmstack.swarm.model.Service;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A service's own settings: image, deploy mode and replicas, update/rollback/restart policies, healthcheck. */
final class ServiceSettingsCheck implements Check {

  private static final List<String> MODES =
      List.of("replicated", "global", "replicated-job", "global-job");
  // rollback_config takes the same values: the CLI and the engine accept rollback there too (a
  // real-world file uses it)
  private static final List<String> FAILURE_ACTIONS = List.of("continue", "pause", "rollback");
  private static final List<String> ORDERS = List.of("stop-first", "start-first");
  private static final List<String> RESTART_CONDITIONS = List.of("none", "on-failure", "any");
  private static final List<String> ENDPOINT_MODES = List.of("vip", "dnsrr");
  private static final List<String> HEALTHCHECK_KINDS = List.of("CMD", "CMD-SHELL", "NONE");

  @Override
  public void run(Findings findings) {
    for (Map.Entry<String, Service> entry : findings.compose().servicesOrEmpty().entrySet()) {
      String name = entry.getKey();
      Service service = entry.getValue();
      if (service.image() == null || service.image().isBlank()) {
        // at the image when one was written: an image the loader refused is then not reported a
        // second time
        findings.error(
            "service " + name + " has no image: swarm services run only from images; set its image",
            "services",
            name,
            "image");
      } else {
        // docker stack deploy refuses these before it writes anything; the engine would refuse them
        // one by one
        ImageReference.refusal(service.image())
            .ifPresent(reason -> findings.error(
                "invalid image reference '"
                    + service.image() + "' for service " + name + ": " + reason
                    + "; write it as [registry[:port]/]repository[:tag][@digest], the repository in lower case",
                "services",
                name,
                "image"));
      }
      if (service.deploy() != null) {
        checkDeploy(findings, name, service.deploy());
      }
      checkHealthcheck(findings, name, service.healthcheck());
    }
  }

  private static void checkDeploy(Findings findings, String service, Deploy deploy) {
    String mode = deploy.mode() == null ? "replicated" : deploy.mode();
    if (!MODES.contains(mode)) {
      findings.error(
          "unknown deploy mode '" + mode + "': use one of " + String.join(", ", MODES),
          "services",
          service,
          "deploy",
          "mode");
    } else if (mode.startsWith("global") && deploy.replicas() != null) {
      findings.error(
          "deploy mode " + mode
              + " runs one task per node and cannot take replicas: remove replicas or use "
              + (mode.equals("global") ? "replicated" : "replicated-job"),
          "services",
          service,
          "deploy",
          "replicas");
    }
    if (deploy.replicas() != null && deploy.replicas() < 0) {
      findings.error(
          "replicas must be 0 or more, not " + deploy.replicas(),
          "services",
          service,
          "deploy",
          "replicas");
    }
    checkUpdate(findings, service, "update_config", deploy.updateConfig());
    checkUpdate(findings, service, "rollback_config", deploy.rollbackConfig());
    if (deploy.restartPolicy() != null) {
      oneOf(
          findings,
          "restart_policy condition",
          deploy.restartPolicy().condition(),
          RESTART_CONDITIONS,
          "services",
          service,
          "deploy",
          "restart_policy",
          "condition");
    }
    String endpointMode =
        deploy.endpointMode() == null ? null : deploy.endpointMode().toLowerCase(Locale.ROOT);
    oneOf(
        findings,
        "endpoint_mode",
        endpointMode,
        ENDPOINT_MODES,
        "services",
        service,
        "deploy",
        "endpoint_mode");
  }

  private static void checkUpdate(
      Findings findings, String service, String key, UpdateConfig config) {
    if (config == null) {
      return;
    }
    oneOf(
        findings,
        key + " failure_action",
        config.failureAction(),
        FAILURE_ACTIONS,
        "services",
        service,
        "deploy",
        key,
        "failure_action");
    oneOf(
        findings,
        key + " order",
        config.order(),
        ORDERS,
        "services",
        service,
        "deploy",
        key,
        "order");
    Float ratio = config.maxFailureRatio();
    if (ratio != null && (ratio < 0 || ratio > 1)) {
      findings.error(
          key + " max_failure_ratio must be between 0 and 1 (a fraction of the tasks), not "
              + ratio,
          "services",
          service,
          "deploy",
          key,
          "max_failure_ratio");
    }
    if (config.parallelism() != null && config.parallelism() < 0) {
      findings.error(
          key + " parallelism must be 0 (all at once) or more, not " + config.parallelism(),
          "services",
          service,
          "deploy",
          key,
          "parallelism");
    }
  }

  private static void checkHealthcheck(
      Findings findings, String service, Service.Healthcheck healthcheck) {
    if (healthcheck == null || healthcheck.test() == null || healthcheck.test().isEmpty()) {
      return;
    }
    String kind = healthcheck.test().get(0);
    if (!HEALTHCHECK_KINDS.contains(kind)) {
      findings.error(
          "healthcheck test must start with CMD, CMD-SHELL or NONE, not '" + kind
              + "': write [\"CMD\", \"curl\", \"-f\", \"http://localhost\"], [\"CMD-SHELL\", \"curl -f http://localhost\"] or a plain string",
          "services",
          service,
          "healthcheck",
          "test");
    }
  }

  /** Reports {@code value} unless it is null (not set) or one of {@code allowed}. */
  static void oneOf(
      Findings findings, String what, String value, List<String> allowed, Object... path) {
    if (value != null && !allowed.contains(value)) {
      findings.error(
          "invalid " + what + " '" + value + "': use one of " + String.join(", ", allowed), path);
    }
  }
}
