package dev.swarmstack.swarm.remove;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmstack.swarm.engine.EngineException;
import dev.swarmstack.swarm.engine.EngineObject;
import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.problem.Command;
import dev.swarmstack.swarm.problem.Setting;
import dev.swarmstack.swarm.problem.UserTerms;
import dev.swarmstack.swarm.stack.StackLabels;
import dev.swarmstack.swarm.watch.SwarmNodes;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What holds a network the manager refuses to remove, in names a user knows. The manager says only {@code network
 * <id> is in use by task <id>} (or {@code service <id>}); the task is usually a container that someone attached with
 * {@code docker run --network} to an attachable network (an attachment task, without a service), or a task of a
 * service of another stack.
 *
 * @param description {@code container debug (on node m1)}, {@code service api of stack shop}
 * @param stopping whether it is a service that is gone (just removed), whose tasks may still be stopping: worth
 *     waiting for
 * @param fix what to do about it
 */
record NetworkHolder(String description, boolean stopping, String fix) {

  private static final Pattern IN_USE = Pattern.compile("is in use by (task|service) (\\w+)");

  /** @return empty when the failure is not the manager's "in use", or the holder is gone meanwhile */
  static Optional<NetworkHolder> of(
      EngineException failure, EngineObject network, SwarmEngine engine, UserTerms terms) {
    Matcher inUse = IN_USE.matcher(String.valueOf(failure.getMessage()));
    if (!inUse.find()) {
      return Optional.empty();
    }
    if (inUse.group(1).equals("service")) {
      return Optional.of(service(inUse.group(2), network, engine, terms));
    }
    return engine
        .inspectTask(inUse.group(2))
        .map(task -> task.path("ServiceID").asText("").isEmpty()
            ? container(task, network, engine, terms)
            : service(task.path("ServiceID").asText(), network, engine, terms));
  }

  private static NetworkHolder service(
      String id, EngineObject network, SwarmEngine engine, UserTerms terms) {
    Optional<EngineObject> service = engine.inspectService(id);
    if (service.isEmpty()) {
      return new NetworkHolder(
          "a task of removed service " + id,
          true,
          "its task has not stopped yet: run " + terms.run(Command.RM)
              + " again, or give it longer with " + terms.name(Setting.TIMEOUT));
    }
    String name = service.get().name();
    String stack = StackLabels.label(service.get(), StackLabels.NAMESPACE);
    return new NetworkHolder(
        "service " + name + (stack == null ? " (in no stack)" : " of stack " + stack),
        false,
        "take it off the network (docker service update --network-rm " + network.name() + " " + name
            + ") or remove" + (stack == null ? " it" : " it or its stack")
            + ", then run " + terms.run(Command.RM) + " again");
  }

  /** A standalone container's attachment: its name is known to the network on the container's own node only. */
  private static NetworkHolder container(
      JsonNode task, EngineObject network, SwarmEngine engine, UserTerms terms) {
    String id =
        task.path("Spec").path("NetworkAttachmentSpec").path("ContainerID").asText("");
    String name = engine
        .inspectNetwork(network.id())
        .map(n -> n.raw().path("Containers").path(id).path("Name"))
        .filter(JsonNode::isTextual)
        .map(JsonNode::asText)
        .orElse(id.length() > 12 ? id.substring(0, 12) : id);
    String node = SwarmNodes.of(engine.listNodes()).name(task.path("NodeID").asText(""));
    return new NetworkHolder(
        "container " + name + " (on node " + node + ", not part of any stack)",
        false,
        "disconnect it (docker network disconnect " + network.name() + " " + name
            + ") or remove it (docker rm -f " + name + "), on that node, then run "
            + terms.run(Command.RM) + " again");
  }

  /** The failure as users should read it, naming the network by name. */
  EngineException explain(EngineObject network, EngineException failure) {
    return new EngineException(
        "network " + network.name() + " is still in use by " + description + ": " + fix,
        failure.status(),
        failure);
  }
}
