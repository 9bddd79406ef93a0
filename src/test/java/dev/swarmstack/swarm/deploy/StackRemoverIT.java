package dev.swarmstack.swarm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.swarmstack.swarm.engine.EngineException;
import dev.swarmstack.swarm.remove.StackRemover;
import dev.swarmstack.swarm.stack.StackLabels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13, item 4b: {@code swarm:rm} while a container outside the stack is attached to the stack's network. */
class StackRemoverIT extends EngineTestBase {

  @Test
  void aContainerAttachedToTheStacksNetworkIsNamedWithWhatToDo(@TempDir Path dir)
      throws IOException {
    Path compose = Files.writeString(dir.resolve("stack.yml"), """
        version: "3.8"
        services:
          web:
            image: local/busybox:1
            command: ["sleep", "3600"]
            stop_grace_period: 1s
            networks: [n]
        networks:
          n:
            attachable: true
        """);
    DOCKER.ok("stack", "deploy", "--resolve-image", "never", "-c", compose.toString(), namespace);
    String network = namespace + "_n";
    String container = namespace + "-debug";
    // first of all cleanups: the stack's network can only go once the container is gone
    cleanups.add(0, () -> DOCKER.run("rm", "-f", container));
    DOCKER.ok(
        "run", "-d", "--name", container, "--network", network, "local/busybox:1", "sleep", "3600");
    String node = DOCKER
        .ok("node", "inspect", "self", "--format", "{{.Description.Hostname}}")
        .trim();

    EngineException e =
        assertThrows(EngineException.class, () -> new StackRemover(engine, deployLog)
            .remove(namespace, Duration.ofSeconds(20), StackRemover.Volumes.KEEP));

    assertEquals(
        "network " + network + " is still in use by container " + container + " (on node " + node
            + ", not part of any stack): disconnect it (docker network disconnect " + network + " "
            + container
            + ") or remove it (docker rm -f " + container
            + "), on that node, then run the rm command again",
        e.getMessage());

    DOCKER.ok("rm", "-f", container);
    new StackRemover(engine, deployLog)
        .remove(namespace, Duration.ofSeconds(20), StackRemover.Volumes.KEEP);
    assertEquals(List.of(), names(engine.listNetworks(StackLabels.of(namespace))), log.toString());
  }
}
