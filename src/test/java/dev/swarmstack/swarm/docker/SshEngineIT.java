package dev.swarmstack.swarm.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.engine.EngineAddress;
import dev.swarmstack.swarm.engine.EngineException;
import dev.swarmstack.swarm.engine.EngineUnreachableException;
import dev.swarmstack.swarm.engine.EventSubscription;
import dev.swarmstack.swarm.engine.SshOptions;
import dev.swarmstack.swarm.testing.Cli;
import dev.swarmstack.swarm.testing.FreePorts;
import dev.swarmstack.swarm.testing.TestSshServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine over {@code ssh://}, through a real OpenSSH server and {@code docker system dial-stdio}. */
class SshEngineIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static TestSshServer sshd;

  @BeforeAll
  static void startSshd() throws Exception {
    sshd = TestSshServer.start();
  }

  @AfterAll
  static void stopSshd() throws Exception {
    if (sshd != null) {
      sshd.close();
    }
  }

  private static DockerSwarmEngine connect(String address, Path clientFolder) {
    EngineAddress engine = new EngineAddress(URI.create(address), null, "test");
    return new DockerSwarmEngine(
        engine, new SshOptions(clientFolder, host -> Optional.empty(), null), TIMEOUT);
  }

  @Test
  void callsTheEventStreamAndTaskLogsGoThroughOneSshSession() throws Exception {
    Path client = sshd.clientFolder("deploy", true);
    try (EngineTestSupport support = new EngineTestSupport();
        DockerSwarmEngine engine = connect("ssh://" + TestSshServer.ALIAS, client)) {
      assertTrue(engine.info().controlAvailable());
      LinkedBlockingQueue<ObjectNode> events = new LinkedBlockingQueue<>();
      String name = support.name("ssh");
      ObjectNode spec = EngineTestSupport.JSON.createObjectNode().put("Name", name);
      spec.putObject("Labels").put(EngineTestSupport.RUN_LABEL, support.runId);
      spec.putObject("TaskTemplate")
          .putObject("ContainerSpec")
          .put("Image", "local/busybox:1")
          .putArray("Args")
          .add("sh")
          .add("-c")
          .add("echo over-ssh; sleep 3600");
      try (EventSubscription subscription =
          engine.subscribeEvents(Map.of("type", List.of("container")), events::add)) {
        String id = engine.createService(spec, Optional.empty());
        support.onClose(
            () -> EngineTestSupport.removeIfPresent(() -> support.engine.removeService(id)));
        ObjectNode started = null;
        int eventsSeen = 0;
        // a busy machine takes a while to schedule and start the task; other tests' events come
        // meanwhile
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(180);
        while (started == null && java.time.Instant.now().isBefore(deadline)) {
          ObjectNode event = events.poll(1, TimeUnit.SECONDS);
          eventsSeen += event == null ? 0 : 1;
          if (event != null
              && name.equals(event
                  .path("Actor")
                  .path("Attributes")
                  .path("com.docker.swarm.service.name")
                  .asText())
              && event.path("Action").asText().equals("start")) {
            started = event;
          }
        }
        assertTrue(
            started != null,
            "no container start event of " + name + " came over ssh in 180 s; " + eventsSeen
                + " other container events came; its tasks: "
                + engine.listTasks(Map.of("service", List.of(id))));
        String task =
            engine.listTasks(Map.of("service", List.of(id))).get(0).path("ID").asText();
        List<String> lines = List.of();
        for (int attempt = 0; attempt < 40 && lines.isEmpty(); attempt++) {
          lines = engine.taskLogs(task, 5);
          events.poll(
              250,
              TimeUnit
                  .MILLISECONDS); // the log is written just after the start: wait a little between
          // reads
        }
        assertEquals(List.of("over-ssh"), lines);
      }
    }
  }

  @Test
  void aKeyWithAPassphraseIsUsedWithItAndNamedWithoutIt() throws Exception {
    Path client = sshd.clientFolder("locked", true);
    EngineAddress address = new EngineAddress(URI.create(sshd.address()), null, "test");
    SshOptions withPassphrase =
        new SshOptions(client, host -> Optional.of(TestSshServer.PASSPHRASE), null);
    try (DockerSwarmEngine engine = new DockerSwarmEngine(address, withPassphrase, TIMEOUT)) {
      assertTrue(engine.info().controlAvailable());
    }
    EngineException refused =
        assertThrows(EngineException.class, () -> connect(sshd.address(), client));
    assertTrue(
        refused.getMessage().contains("needs a passphrase; set --ssh-passphrase"),
        refused.getMessage());
  }

  @Test
  void theKeysOfAnSshAgentAreOffered() throws Exception {
    Path client = sshd.clientFolder(
        "stranger", true); // its own key is not authorised: only the agent's can log in
    Path socket = client.resolve("agent.sock");
    String started = Cli.commands().ok("ssh-agent", "-a", socket.toString());
    String pid = started.replaceAll("(?s).*SSH_AGENT_PID=(\\d+).*", "$1");
    try {
      Cli.commands()
          .withEnvironment(Map.of("SSH_AUTH_SOCK", socket.toString()))
          .ok("ssh-add", sshd.key("deploy").toString());
      EngineAddress address = new EngineAddress(URI.create(sshd.address()), null, "test");
      try (DockerSwarmEngine engine = new DockerSwarmEngine(
          address, new SshOptions(client, host -> Optional.empty(), socket), TIMEOUT)) {
        assertTrue(engine.info().controlAvailable());
      }
    } finally {
      Cli.commands().run("kill", pid);
    }
  }

  @Test
  void anUnknownHostKeyIsRefusedNamingItsFingerprintAndTheFile() throws Exception {
    Path client = sshd.clientFolder("deploy", false);
    EngineException refused =
        assertThrows(EngineException.class, () -> connect(sshd.address(), client));
    assertTrue(
        refused
            .getMessage()
            .matches(
                "(?s).*is not trusted: its host key ecdsa-sha2-nistp256 SHA256:\\S+ differs from the key SHA256:.*"
                    + client.resolve("known_hosts") + ".*"),
        refused.getMessage());
  }

  @Test
  void aHostMissingFromKnownHostsIsRefusedNamingItsFingerprint() throws Exception {
    Path client = sshd.clientFolder("deploy", true);
    java.nio.file.Files.writeString(client.resolve("known_hosts"), "");
    EngineException refused =
        assertThrows(EngineException.class, () -> connect(sshd.address(), client));
    assertTrue(
        refused.getMessage().contains("is not in " + client.resolve("known_hosts")),
        refused.getMessage());
    assertTrue(refused.getMessage().contains("SHA256:"), refused.getMessage());
  }

  @Test
  void aKeyTheServerDoesNotKnowIsRefusedAuthentication() throws Exception {
    Path client = sshd.clientFolder("stranger", true);
    EngineException refused =
        assertThrows(EngineException.class, () -> connect(sshd.address(), client));
    assertTrue(
        refused
            .getMessage()
            .contains("refused authentication as user " + System.getProperty("user.name")),
        refused.getMessage());
  }

  @Test
  void aRemoteSideWithoutDockerIsNamed() throws Exception {
    Path client = sshd.clientFolder("nodocker", true);
    EngineException refused =
        assertThrows(EngineException.class, () -> connect(sshd.address(), client));
    assertTrue(
        refused.getMessage().contains("has no docker command on the PATH"), refused.getMessage());
  }

  @Test
  void aHostThatDoesNotAnswerIsUnreachable() throws Exception {
    Path client = sshd.clientFolder("deploy", true);
    EngineUnreachableException down = assertThrows(
        EngineUnreachableException.class,
        () -> connect("ssh://127.0.0.1:" + FreePorts.one(), client));
    assertTrue(down.getMessage().contains("Connection refused"), down.getMessage());
  }
}
