package dev.swarmstack.swarm.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmstack.swarm.engine.EngineAddress;
import dev.swarmstack.swarm.engine.EngineException;
import dev.swarmstack.swarm.engine.EngineObject;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connection failures and engine moments a real engine shows only by chance, without an engine. */
class DockerSwarmEngineTest {

  @TempDir
  Path dir;

  @Test
  void anUnreachableEngineIsNamedWithWhereItsAddressCameFrom() {
    EngineAddress nowhere = new EngineAddress(
        URI.create("unix://" + dir.resolve("absent.sock")), null, "from DOCKER_HOST");
    EngineException e = assertThrows(
        EngineException.class, () -> new DockerSwarmEngine(nowhere, Duration.ofSeconds(5)));
    assertTrue(
        e.getMessage()
            .startsWith(
                "asking the engine for its version: cannot reach the Docker engine at unix://"
                    + dir.resolve("absent.sock") + " (from DOCKER_HOST): "),
        e.getMessage());
    assertEquals(0, e.status());
  }

  @Test
  void anEngineThatNeverAnswersTimesOut() throws Exception {
    // a unix socket that accepts and then stays silent: docker-java's own timeouts don't cover this
    Path socket = dir.resolve("silent.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      Thread acceptor = new Thread(() -> {
        try (SocketChannel ignored = server.accept()) {
          Thread.sleep(60_000);
        } catch (Exception closedOrInterrupted) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      EngineAddress silent =
          new EngineAddress(URI.create("unix://" + socket), null, "default socket");
      EngineException e = assertThrows(
          EngineException.class, () -> new DockerSwarmEngine(silent, Duration.ofSeconds(1)));
      // without the timeout the call would end only when the socket closes, a minute later and with
      // another error
      assertTrue(
          e.getMessage().contains("(default socket) did not answer within 1 s"), e.getMessage());
      acceptor.interrupt();
    }
  }

  @Test
  void aSwarmNetworkIsReadOnceTheSwarmHasAllocatedIt() throws Exception {
    String unallocated =
        "{\"Id\":\"n1\",\"Name\":\"shop\",\"Scope\":\"swarm\",\"Driver\":\"\",\"Options\":null}";
    String allocated =
        "{\"Id\":\"n1\",\"Name\":\"shop\",\"Scope\":\"swarm\",\"Driver\":\"overlay\","
            + "\"Options\":{\"com.docker.network.driver.mtu\":\"1400\"}}";
    AtomicInteger reads = new AtomicInteger();
    Path socket = dir.resolve("engine.sock");
    try (ScriptedEngine scripted = new ScriptedEngine(
            socket, path -> reads.incrementAndGet() < 3 ? unallocated : allocated);
        DockerSwarmEngine engine = new DockerSwarmEngine(
            new EngineAddress(URI.create("unix://" + socket), null, "test"),
            Duration.ofSeconds(5))) {
      EngineObject network = engine.inspectNetwork("shop").orElseThrow();
      assertEquals("overlay", network.raw().path("Driver").asText());
      assertEquals(
          "1400",
          network.raw().path("Options").path("com.docker.network.driver.mtu").asText());
      assertEquals(
          List.of("/version", "/networks/shop", "/networks/n1", "/networks/n1"), scripted.paths());
    }
  }
}
