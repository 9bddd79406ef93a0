package dev.swarmstack.swarm.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmstack.swarm.convert.ConvertedStack;
import dev.swarmstack.swarm.engine.EngineObject;
import dev.swarmstack.swarm.problem.Problems;
import dev.swarmstack.swarm.stack.StackLabels;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Published ports that services outside the stack already hold, found before the first write instead of by a
 * failing create. The engine refuses a port number and protocol that another service publishes when either of the
 * two is an ingress port (an ingress port is open on every node); two host-mode ports are accepted, so they are not
 * checked. Works on the service list the planner read.
 */
final class LivePortCheck {

  private record Holder(String service, String stack, boolean ingress) {}

  private LivePortCheck() {}

  /**
   * Adds an error for each port of {@code stack} that a service outside it publishes. The stack's own services are
   * no conflict (they are updated in place), nor are the pruned ones, which are removed before anything is created.
   */
  static void check(
      ConvertedStack stack,
      List<EngineObject> allServices,
      Collection<EngineObject> pruned,
      Problems problems) {
    Set<String> leaving = pruned.stream().map(EngineObject::id).collect(Collectors.toSet());
    List<EngineObject> others = allServices.stream()
        .filter(service ->
            !stack.services().containsKey(service.name()) && !leaving.contains(service.id()))
        .toList();
    report(stack, others, problems);
  }

  static void report(ConvertedStack stack, List<EngineObject> others, Problems problems) {
    Map<String, Holder> holders = new HashMap<>();
    for (EngineObject service : others) {
      String owningStack = StackLabels.label(service, StackLabels.NAMESPACE);
      for (JsonNode port : publishedPorts(service)) {
        holders.putIfAbsent(
            publishedPort(port), new Holder(service.name(), owningStack, isIngress(port)));
      }
    }
    stack.services().forEach((service, spec) -> {
      for (JsonNode port : spec.path("EndpointSpec").path("Ports")) {
        Holder holder = holders.get(publishedPort(port));
        if (port.path("PublishedPort").asLong(0) > 0
            && holder != null
            && (holder.ingress() || isIngress(port))) {
          problems.error(
              stack.portOrigin(
                  service,
                  port.path("PublishedPort").asLong(),
                  port.path("Protocol").asText(null)),
              message(publishedPort(port), holder));
        }
      }
    });
  }

  /**
   * The ports the engine allocated ({@code Endpoint.Ports}, which include the ones it chose for ports published
   * without a number), or the spec's while the allocation is pending.
   */
  private static JsonNode publishedPorts(EngineObject service) {
    JsonNode allocated = service.raw().path("Endpoint").path("Ports");
    return allocated.isArray() ? allocated : service.spec().path("EndpointSpec").path("Ports");
  }

  private static String publishedPort(JsonNode port) {
    return ConvertedStack.publishedPort(
        port.path("PublishedPort").asLong(0), port.path("Protocol").asText(null));
  }

  /** An unset mode is ingress. */
  private static boolean isIngress(JsonNode port) {
    return !port.path("PublishMode").asText("").equals("host");
  }

  private static String message(String port, Holder holder) {
    String owner = "service " + holder.service()
        + (holder.stack() == null ? "" : " (stack " + holder.stack() + ")");
    String how =
        holder.ingress() ? "" : " in host mode, and an ingress port needs it free on every node";
    return "port " + port + " is already published by " + owner + how
        + "; choose another published port or remove that service";
  }
}
