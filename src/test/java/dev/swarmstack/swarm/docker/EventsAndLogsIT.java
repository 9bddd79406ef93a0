package dev.swarmstack.swarm.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
  void aNewServiceShowsUpOnTheEventStreamAndItsTaskLogIsReadable() throws Exception {
    try (EngineTestSupport support = new EngineTestSupport()) {
      LinkedBlockingQueue<ObjectNode> events = new LinkedBlockingQueue<>();
      String name = support.name("events");
      ObjectNode spec = EngineTestSupport.JSON.createObjectNode().put("Name", name);
      spec.putObject("Labels").put(EngineTestSupport.RUN_LABEL, support.runId);
      spec.putObject("TaskTemplate").putObject("ContainerSpec").put("Image", "local/busybox:1").putArray("Args")
          .add("sh").add("-c").add("echo out; echo err >&2; sleep 3600");
      String id;
      try (EventSubscription subscription = support.engine.subscribeEvents(Map.of("type", List.of("service")),
          events::add)) {
        Thread.sleep(500); // the stream is open before the service is created
        id = support.engine.createService(spec, Optional.empty());
        support.onClose(() -> EngineTestSupport.removeIfPresent(() -> support.engine.removeService(id)));
        ObjectNode event = events.poll(20, TimeUnit.SECONDS);
        assertTrue(event != null, "no service event within 20 s");
        assertEquals("service", event.path("Type").asText());
        assertEquals(id, event.path("Actor").path("ID").asText());
      }

      List<String> lines = List.of();
      for (int attempt = 0; attempt < 40 && lines.size() < 2; attempt++) {
        List<ObjectNode> tasks = support.engine.listTasks(Map.of("service", List.of(id)));
        if (!tasks.isEmpty() && tasks.get(0).path("Status").path("State").asText().equals("running")) {
          lines = support.engine.taskLogs(tasks.get(0).path("ID").asText(), 20);
        }
        Thread.sleep(500);
      }
      assertEquals(List.of("out", "err"), lines.stream().sorted((a, b) -> b.compareTo(a)).toList());
    }
  }
}
