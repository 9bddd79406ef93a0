package dev.swarmstack.swarm.deploy;

import dev.swarmstack.swarm.docker.DockerSwarmEngine;
import dev.swarmstack.swarm.engine.EngineConnection;
import dev.swarmstack.swarm.engine.EngineObject;
import dev.swarmstack.swarm.engine.Polling;
import dev.swarmstack.swarm.remove.StackRemover;
import dev.swarmstack.swarm.stack.DeployLog;
import dev.swarmstack.swarm.testing.Cli;
import dev.swarmstack.swarm.testing.LeftoverContainers;
import dev.swarmstack.swarm.testing.RecordingLog;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The real engine behind a write counter, a stack name no other test uses, and cleanup that runs even when the test
 * failed: the stack is removed, then whatever the test registered in {@link #cleanups}.
 */
abstract class EngineTestBase {

  /** The docker CLI, the oracle the engine tests compare with. */
  protected static final Cli DOCKER = Cli.docker();

  protected final List<String> log = new ArrayList<>();
  protected final DeployLog deployLog = new RecordingLog(log);
  protected final List<Runnable> cleanups = new ArrayList<>();
  protected CountingSwarmEngine engine;
  protected String namespace;

  @BeforeEach
  void connect() {
    engine = new CountingSwarmEngine(DockerSwarmEngine.connect(EngineConnection.defaults()));
    namespace = uniqueStackName();
    cleanups.add(() -> removeStack(namespace));
  }

  @AfterEach
  void cleanUp() {
    try {
      cleanups.forEach(Runnable::run);
    } finally {
      engine.close();
    }
  }

  static String uniqueStackName() {
    return "dpit" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** With our remover, then the CLI's in case ours failed; neither touches anything outside the stack. */
  protected void removeStack(String stack) {
    try {
      new StackRemover(engine, deployLog)
          .remove(stack, Duration.ofMinutes(1), StackRemover.Volumes.REMOVE);
    } finally {
      DOCKER.run("stack", "rm", stack);
      LeftoverContainers.remove(DOCKER, stack + "_");
    }
  }

  protected Deployer deployer() {
    return new Deployer(engine, deployLog);
  }

  /** Waits for the engine to get on with something the test can't be told about. */
  static void sleep(Duration duration) {
    Polling.pause(duration);
  }

  /** A port nothing on this machine listens on, for a test to publish. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static List<String> names(List<EngineObject> objects) {
    return objects.stream().map(EngineObject::name).sorted().toList();
  }
}
