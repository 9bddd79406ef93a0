package dev.swarmstack.swarm.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmstack.swarm.engine.EngineAddress;
import dev.swarmstack.swarm.engine.EngineException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connection failures, without an engine. */
class DockerSwarmEngineTest {

  @TempDir Path dir;

  @Test
  void anUnreachableEngineIsNamedWithWhereItsAddressCameFrom() {
    EngineAddress nowhere = new EngineAddress(URI.create("unix://" + dir.resolve("absent.sock")), null, "from DOCKER_HOST");
    EngineException e = assertThrows(EngineException.class, () -> new DockerSwarmEngine(nowhere, Duration.ofSeconds(5)));
    assertTrue(e.getMessage().startsWith("asking the engine for its version: cannot reach the Docker engine at unix://"
        + dir.resolve("absent.sock") + " (from DOCKER_HOST): "), e.getMessage());
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
      EngineAddress silent = new EngineAddress(URI.create("unix://" + socket), null, "default socket");
      EngineException e = assertThrows(EngineException.class, () -> new DockerSwarmEngine(silent, Duration.ofSeconds(1)));
      // without the timeout the call would end only when the socket closes, a minute later and with another error
      assertTrue(e.getMessage().contains("(default socket) did not answer within 1 s"), e.getMessage());
      acceptor.interrupt();
    }
  }
}
