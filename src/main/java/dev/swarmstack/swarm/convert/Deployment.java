package dev.swarmstack.swarm.convert;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.model.Deploy;
import dev.swarmstack.swarm.model.GoDuration;
import dev.swarmstack.swarm.model.Service;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The swarm-side parts of a ServiceSpec ({@code deploy:}, ports, {@code restart:}), as docker/cli builds them. */
final class Deployment {

  private static final BigDecimal NANOS_PER_CPU = BigDecimal.valueOf(1_000_000_000L);

  private final ConversionContext context;
  private final String service;

  Deployment(ConversionContext context, String service) {
    this.context = context;
    this.service = service;
  }

  private void error(String message, Object... path) {
    context.serviceError(service, message, path);
  }

  /** {@code Mode}: replicated (the default), global, replicated-job or global-job. */
  ObjectNode mode(Deploy deploy) {
    String mode = deploy == null || deploy.mode() == null ? "" : deploy.mode();
    Long replicas = deploy == null ? null : deploy.replicas();
    ObjectNode result = Json.object();
    switch (mode) {
      case "global", "global-job" -> {
        if (replicas != null) {
          error(
              "replicas can only be used with replicated or replicated-job mode: remove deploy.replicas",
              "deploy",
              "replicas");
        }
        result.putObject(mode.equals("global") ? "Global" : "GlobalJob");
      }
      case "replicated-job" -> {
        ObjectNode job = result.putObject("ReplicatedJob");
        Json.putIfSet(job, "MaxConcurrent", replicas);
        Json.putIfSet(job, "TotalCompletions", replicas);
      }
      case "replicated", "" -> Json.putIfSet(result.putObject("Replicated"), "Replicas", replicas);
      default ->
        error(
            "unknown mode: " + mode + "; use replicated, global, replicated-job or global-job",
            "deploy",
            "mode");
    }
    return result;
  }

  /**
   * {@code EndpointSpec}: always sent, ports sorted as the CLI sorts them: by published port only, ports with the same
   * one (tcp and udp, or none published) keep the order written. (The CLI's sort is stable up to 12 ports; past that
   * Go's pdqsort may swap equal ones, which {@code SpecComparison} doesn't count as a change.)
   */
  static ObjectNode endpointSpec(String endpointMode, List<Service.Port> ports) {
    ObjectNode spec = Json.object();
    Json.putText(spec, "Mode", endpointMode == null ? null : endpointMode.toLowerCase(Locale.ROOT));
    if (ports != null && !ports.isEmpty()) {
      List<Service.Port> sorted = new ArrayList<>(ports);
      sorted.sort(Comparator.comparingLong((Service.Port p) -> unsigned(p.published())));
      ArrayNode array = spec.putArray("Ports");
      for (Service.Port port : sorted) {
        ObjectNode node = array.addObject();
        Json.putText(node, "Protocol", port.protocol());
        Json.putNonZero(node, "TargetPort", unsigned(port.target()));
        Json.putNonZero(node, "PublishedPort", unsigned(port.published()));
        Json.putText(node, "PublishMode", port.mode());
      }
    }
    return spec;
  }

  private static long unsigned(Integer port) {
    return port == null ? 0 : Integer.toUnsignedLong(port);
  }

  /** {@code Resources}: always sent; Limits and Reservations only when their block is written. */
  ObjectNode resources(Deploy.Resources resources) {
    ObjectNode result = Json.object();
    if (resources == null) {
      return result;
    }
    Deploy.Limits limits = resources.limits();
    if (limits != null) {
      ObjectNode node = result.putObject("Limits");
      Json.putNonZero(node, "NanoCPUs", nanoCpus(limits.cpus(), "limits"));
      Json.putNonZero(
          node, "MemoryBytes", limits.memory() == null ? 0 : limits.memory().bytes());
      Json.putNonZero(node, "Pids", limits.pids() == null ? 0 : limits.pids());
    }
    Deploy.Reservations reservations = resources.reservations();
    if (reservations != null) {
      ObjectNode node = result.putObject("Reservations");
      Json.putNonZero(node, "NanoCPUs", nanoCpus(reservations.cpus(), "reservations"));
      Json.putNonZero(
          node,
          "MemoryBytes",
          reservations.memory() == null ? 0 : reservations.memory().bytes());
      if (reservations.genericResources() != null
          && !reservations.genericResources().isEmpty()) {
        ArrayNode generic = node.putArray("GenericResources");
        for (Deploy.GenericResource resource : reservations.genericResources()) {
          ObjectNode entry = generic.addObject();
          Deploy.DiscreteResourceSpec discrete = resource.discreteResourceSpec();
          if (discrete != null) {
            ObjectNode spec = entry.putObject("DiscreteResourceSpec");
            Json.putText(spec, "Kind", discrete.kind());
            Json.putNonZero(spec, "Value", discrete.value() == null ? 0 : discrete.value());
          }
        }
      }
    }
    return result;
  }

  /** Go's {@code opts.ParseCPUs}: an exact decimal ("0.5", "1.25e-3") times 10^9, which must be whole. */
  private long nanoCpus(String cpus, String block) {
    if (cpus == null || cpus.isEmpty()) {
      return 0;
    }
    try {
      return new BigDecimal(cpus).multiply(NANOS_PER_CPU).stripTrailingZeros().longValueExact();
    } catch (NumberFormatException e) {
      error(
          "failed to parse " + cpus
              + " as a rational number: write cpus as a decimal number such as '0.5'",
          "deploy",
          "resources",
          block,
          "cpus");
    } catch (ArithmeticException e) {
      error(
          "cpus " + cpus + " is too precise: the swarm counts in billionths of a CPU",
          "deploy",
          "resources",
          block,
          "cpus");
    }
    return 0;
  }

  /** {@code RestartPolicy} from deploy.restart_policy, else from the legacy {@code restart:}; null when neither. */
  ObjectNode restartPolicy(String restart, Deploy.RestartPolicy policy) {
    if (policy != null) {
      ObjectNode result = Json.object();
      Json.putText(result, "Condition", policy.condition());
      putDuration(result, "Delay", policy.delay());
      Json.putIfSet(result, "MaxAttempts", policy.maxAttempts());
      putDuration(result, "Window", policy.window());
      return result;
    }
    if (restart == null || restart.isEmpty()) {
      return null;
    }
    int colon = restart.indexOf(':');
    String name = colon < 0 ? restart : restart.substring(0, colon);
    long attempts = 0;
    if (colon == 0) {
      error("invalid restart policy format: no policy provided before colon", "restart");
      return null;
    }
    if (colon > 0 && colon < restart.length() - 1) {
      try {
        attempts = Integer.parseInt(restart.substring(colon + 1));
      } catch (NumberFormatException e) {
        error("invalid restart policy format: maximum retry count must be an integer", "restart");
        return null;
      }
    }
    if (attempts < 0) {
      error("invalid restart policy: maximum retry count cannot be negative", "restart");
      return null;
    }
    String condition =
        switch (name) {
          case "no", "" -> null;
          case "always", "unless-stopped" -> "any";
          case "on-failure" -> "on-failure";
          default -> {
            error(
                "invalid restart policy: unknown policy '" + name
                    + "' (must be one of 'no', 'always', 'on-failure', or 'unless-stopped')",
                "restart");
            yield null;
          }
        };
    if (condition == null) {
      return null;
    }
    ObjectNode result = Json.object();
    result.put("Condition", condition);
    if (attempts > 0) {
      result.put("MaxAttempts", attempts);
    }
    return result;
  }

  /** {@code UpdateConfig} / {@code RollbackConfig}; parallelism defaults to 1 once the block exists. */
  static ObjectNode updateConfig(Deploy.UpdateConfig config) {
    if (config == null) {
      return null;
    }
    ObjectNode result = Json.object();
    result.put("Parallelism", config.parallelism() == null ? 1 : config.parallelism());
    Json.putNonZero(result, "Delay", config.delay() == null ? 0 : config.delay().nanos());
    Json.putText(result, "FailureAction", config.failureAction());
    Json.putNonZero(
        result, "Monitor", config.monitor() == null ? 0 : config.monitor().nanos());
    result.put("MaxFailureRatio", config.maxFailureRatio() == null ? 0f : config.maxFailureRatio());
    result.put("Order", config.order() == null ? "" : config.order());
    return result;
  }

  /** {@code Placement}: always sent, possibly empty. */
  static ObjectNode placement(Deploy.Placement placement) {
    ObjectNode result = Json.object();
    if (placement == null) {
      return result;
    }
    Json.putStrings(result, "Constraints", placement.constraints());
    if (placement.preferences() != null && !placement.preferences().isEmpty()) {
      ArrayNode preferences = result.putArray("Preferences");
      placement.preferences().forEach(p -> preferences
          .addObject()
          .putObject("Spread")
          .put("SpreadDescriptor", p.spread() == null ? "" : p.spread()));
    }
    Json.putNonZero(
        result,
        "MaxReplicas",
        placement.maxReplicasPerNode() == null ? 0 : placement.maxReplicasPerNode());
    return result;
  }

  /** A Go {@code *time.Duration}: nanoseconds, written whenever set. */
  static void putDuration(ObjectNode target, String field, GoDuration duration) {
    if (duration != null) {
      target.put(field, duration.nanos());
    }
  }
}
