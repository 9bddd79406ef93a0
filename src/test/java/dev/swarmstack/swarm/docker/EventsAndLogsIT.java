package dev.swarmstack.swarm.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.engine.EngineObject;
import dev.swarmstack.swarm.engine.EventSubscription;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The event stream and task logs the convergence watcher relies on, against the real engine. */
class EventsAndLogsIT {

  @Test
  void aServiceShowsUpOnTheEventStreamAndItsTaskLogIsReadable() throws Exception {
    try (EngineTestSupport support = new EngineTestSupport()) {
      LinkedBlockingQueue<ObjectNode> events = new LinkedBlockingQueue<>();
      String name = support.name("events");
      ObjectNode spec = EngineTestSupport.JSON.createObjectNode().put("Name", name);
      spec.putObject("Labels").put(EngineTestSupport.RUN_LABEL, support.runId);
      spec.putObject("TaskTemplate")
          .putObject("ContainerSpec")
          .put("Image", "local/busybox:1")
          .putArray("Args")
          .add("sh")
          .add("-c")
          .add("echo out; echo err >&2; sleep 3600");
      String id;
      try (EventSubscription subscription =
          support.engine.subscribeEvents(Map.of("type", List.of("service")), events::add)) {
        id = support.engine.createService(spec, Optional.empty());
        support.onClose(
            () -> EngineTestSupport.removeIfPresent(() -> support.engine.removeService(id)));
        ObjectNode event = nextEventOf(id, events, support);
        assertEquals("service", event.path("Type").asText());
      }

      List<String> lines = List.of();
      for (int attempt = 0; attempt < 40 && lines.size() < 2; attempt++) {
        List<ObjectNode> tasks = support.engine.listTasks(Map.of("service", List.of(id)));
        if (!tasks.isEmpty()
            && tasks.get(0).path("Status").path("State").asText().equals("running")) {
          lines = support.engine.taskLogs(tasks.get(0).path("ID").asText(), 20);
        }
        Thread.sleep(500);
      }
      assertEquals(
          List.of("out", "err"), lines.stream().sorted((a, b) -> b.compareTo(a)).toList());
    }
  }

  /**
   * The first event of service {@code id}. The stream opens on a thread of its own and may miss the create, so
   * while none has come the service is relabelled, which is an event of its own; other services' events are skipped.
   */
  private static ObjectNode nextEventOf(
      String id, LinkedBlockingQueue<ObjectNode> events, EngineTestSupport support)
      throws InterruptedException {
    for (int round = 1; round <= 20; round++) {
      for (ObjectNode event = events.poll(1, TimeUnit.SECONDS);
          event != null;
          event = events.poll()) {
        if (event.path("Actor").path("ID").asText().equals(id)) {
          return event;
        }
      }
      EngineObject service = support.engine.inspectService(id).orElseThrow();
      service.spec().withObjectProperty("Labels").put("probe", Integer.toString(round));
      support.engine.updateService(id, service.version(), service.spec(), Optional.empty());
    }
    return fail("no event of service " + id + " in 20 rounds");
  }
}
