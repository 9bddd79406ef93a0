package dev.swarmstack.swarm.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.transport.DockerHttpClient.Response;
import dev.swarmstack.swarm.engine.EventSubscription;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * {@code GET /events} read line by line (one JSON object per line) on a daemon thread. Each stream asks for the
 * events since the last one delivered, and the first for those since the subscription: opening a stream takes time
 * (over ssh, a new channel), and an event that happened meanwhile would be lost. A stream that ends or breaks (a
 * TCP engine's response timeout, a restarted engine) is reopened after a pause. An event may come twice; subscribers
 * take events as hints and re-read the state anyway.
 */
final class EventStream implements EventSubscription {

  private static final long REOPEN_PAUSE_MILLIS = 1000;

  private final EngineHttp http;
  private final String path;
  private final Consumer<ObjectNode> onEvent;
  private final Thread reader;
  private volatile boolean closed;
  private volatile Response current;
  /** {@code since} of the next stream: {@code <seconds>.<nanoseconds>}, as the engine's timestamps are. */
  private volatile String since;

  EventStream(EngineHttp http, String path, Consumer<ObjectNode> onEvent) {
    this.http = http;
    this.path = path;
    this.onEvent = onEvent;
    Instant now = Instant.now();
    this.since = timestamp(now.getEpochSecond(), now.getNano());
    this.reader = new Thread(this::readUntilClosed, "swarm-engine-events");
    reader.setDaemon(true); // must never keep Maven alive
    reader.start();
  }

  private void readUntilClosed() {
    while (!closed) {
      try (Response response =
          http.openStream(path + (path.contains("?") ? "&" : "?") + "since=" + since)) {
        current = response;
        if (closed) {
          return;
        }
        BufferedReader lines =
            new BufferedReader(new InputStreamReader(response.getBody(), StandardCharsets.UTF_8));
        for (String line = lines.readLine(); line != null && !closed; line = lines.readLine()) {
          deliver(line);
        }
      } catch (IOException | RuntimeException dropped) {
        // reopened below; the subscriber's heartbeat covers the gap
      }
      pause();
    }
  }

  private void deliver(String line) throws IOException {
    if (line.isBlank()) {
      return;
    }
    JsonNode event = EngineHttp.JSON.readTree(line);
    if (event instanceof ObjectNode object) {
      long timeNano = object.path("timeNano").asLong(0);
      if (timeNano > 0) {
        since = timestamp(timeNano / 1_000_000_000L, timeNano % 1_000_000_000L);
      }
      onEvent.accept(object);
    }
  }

  private static String timestamp(long seconds, long nanos) {
    return String.format(Locale.ROOT, "%d.%09d", seconds, nanos);
  }

  private void pause() {
    try {
      Thread.sleep(REOPEN_PAUSE_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    }
  }

  @Override
  public void close() {
    closed = true;
    Response response = current;
    if (response != null) {
      try {
        response.close(); // unblocks the reader's readLine
      } catch (RuntimeException ignored) {
        // the stream is being abandoned either way
      }
    }
    reader.interrupt();
  }
}
