package dev.swarmstack.swarm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.swarmstack.swarm.compose.LoadedStack;
import dev.swarmstack.swarm.compose.SourceMap;
import dev.swarmstack.swarm.compose.SourceTree;
import dev.swarmstack.swarm.compose.StackLoader;
import dev.swarmstack.swarm.convert.ConvertedStack;
import dev.swarmstack.swarm.convert.StackConverter;
import dev.swarmstack.swarm.deploy.RolloutReport.Outcome;
import dev.swarmstack.swarm.history.Recording;
import dev.swarmstack.swarm.problem.Problem;
import dev.swarmstack.swarm.stack.StackLabels;
import dev.swarmstack.swarm.testing.FreePorts;
import dev.swarmstack.swarm.validate.StackValidator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Networks of the drivers a swarm service can use, deployed by the plugin (loader, validator, converter, rollout) on
 * the real single-node swarm, and checked with the CLI and with traffic between containers.
 *
 * <p>This kernel has no IPVS, so a service's virtual IP and the ingress routing mesh accept connections but never
 * forward them: traffic goes to task addresses ({@code tasks.<service>}, {@code endpoint_mode: dnsrr}) and to ports
 * published in {@code mode: host}, which is what works on any kernel.
 */
@Execution(ExecutionMode.CONCURRENT)
class NetworkDriversIT extends EngineTestBase {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DeployOptions OPTIONS =
      new DeployOptions(true, ResolveImage.NEVER, host -> Optional.empty(), Duration.ofMinutes(1));
  private static final ConvergeOptions WAIT =
      new ConvergeOptions(false, Duration.ofSeconds(120), true, 5);
  /** Serves {@code hello-<service>} on 8080; busybox has no mkdir, so the page lives in the root folder. */
  private static final String HTTPD =
      "[\"sh\", \"-c\", \"echo hello-$$SERVICE > /index.html && exec httpd -f -p 8080" + " -h /\"]";
  /** Task containers start inside the rollout's 1 s monitor; httpd may need a moment more on a busy machine. */
  private static final int ATTEMPTS = 20;

  @TempDir
  Path dir;

  @Test
  void aServiceOnTheHostNetworkRunsInTheNodesNetworkNamespace() throws IOException {
    String compose = """
        version: "3.8"
        services:
          byname:
            image: local/busybox:1
            command: ["sleep", "3600"]
            networks: [host]
            deploy: {update_config: {monitor: 1s}}
          byalias:
            image: local/busybox:1
            command: ["sleep", "3600"]
            networks: [nodenet]
            deploy: {update_config: {monitor: 1s}}
        networks:
          host: {external: true}
          nodenet: {external: true, name: host}
        """;

    assertEquals(Outcome.CONVERGED, rollout(compose).outcome(), log.toString());

    for (String service : List.of("byname", "byalias")) {
      // the engine stores the attachment by the id of the swarm's predefined network, which is the
      // node's host
      String target = engine
          .inspectService(namespace + "_" + service)
          .orElseThrow()
          .spec()
          .path("TaskTemplate")
          .path("Networks")
          .path(0)
          .path("Target")
          .asText();
      JsonNode network = inspect("network", target);
      assertEquals(
          "host host swarm",
          network.path("Name").asText() + " " + network.path("Driver").asText() + " "
              + network.path("Scope").asText(),
          network.toString());
      JsonNode container = inspect("container", taskContainer(service));
      assertEquals("host", container.path("HostConfig").path("NetworkMode").asText());
      assertEquals(List.of("host"), fieldNames(container.path("NetworkSettings").path("Networks")));
    }
    engine.reset();
    deployer().deploy(namespace, convert(compose), OPTIONS);
    assertEquals(List.of(), engine.writes(), "an unchanged redeploy writes nothing: " + log);
  }

  /**
   * Swarm offers services only the host and bridge networks of the nodes, so the validator refuses none; this shows
   * the engine's refusal the validator spares the user, and that the alternative it suggests isolates the task.
   */
  @Test
  void noneIsRefusedByTheEngineAndAnInternalNetworkOfItsOwnIsolatesTheTask() throws IOException {
    String onNone = """
        version: "3.8"
        services:
          web: {image: local/busybox:1, command: ["sleep", "3600"], networks: [none]}
        networks:
          none: {external: true}
        """;
    assertTrue(validate(load(onNone)).stream().anyMatch(problem -> problem
        .toString()
        .contains("service web is on the none network, which swarm services cannot use")));
    RuntimeException refused = assertThrows(
        RuntimeException.class, () -> deployer().deploy(namespace, convert(onNone), OPTIONS));
    assertTrue(
        refused.getMessage().contains("could not find the corresponding predefined swarm network"),
        refused.getMessage());

    String isolated = """
        version: "3.8"
        services:
          web:
            image: local/busybox:1
            command: ["sleep", "3600"]
            networks: [alone]
            deploy: {update_config: {monitor: 1s}}
        networks:
          alone: {internal: true}
        """;
    assertEquals(Outcome.CONVERGED, rollout(isolated).outcome(), log.toString());
    String container = taskContainer("web");
    String routes = DOCKER.ok("exec", container, "ip", "route");
    assertTrue(!routes.contains("default"), "no route out of an internal network: " + routes);
    assertEquals(
        List.of(namespace + "_alone"),
        fieldNames(inspect("container", container).path("NetworkSettings").path("Networks")));
  }

  @Test
  void aStandaloneContainerJoinsAnAttachableOverlayAndReachesATask() throws IOException {
    rollout("""
        version: "3.8"
        services:
          server:
            image: local/busybox:1
            command: %s
            environment: {SERVICE: server}
            networks: [shared]
            deploy: {update_config: {monitor: 1s}}
        networks:
          shared: {attachable: true}
        """.formatted(HTTPD));
    String standalone = "ndit-" + UUID.randomUUID().toString().substring(0, 8);
    // first, so the container is gone before the stack's network is removed
    cleanups.add(0, () -> DOCKER.run("rm", "--force", standalone));
    DOCKER.ok(
        "run",
        "--detach",
        "--name",
        standalone,
        "--network",
        namespace + "_shared",
        TestStack.IMAGE,
        "sleep",
        "600");

    // tasks.<service> resolves to the task addresses; the service name would resolve to its VIP,
    // which can't forward
    List<String> tasks = resolve(standalone, "tasks." + namespace + "_server");
    String page = DOCKER.ok(
        "exec",
        standalone,
        "sh",
        "-c",
        retried("wget -q -O- http://tasks." + namespace + "_server:8080/"));

    assertEquals(List.of(taskAddress("server", "shared")), tasks);
    assertEquals("hello-server", page.trim());
  }

  @Test
  void dnsrrServicesResolveAndReachEachOtherByServiceName() throws IOException {
    rollout("""
        version: "3.8"
        services:
          server:
            image: local/busybox:1
            command: %s
            environment: {SERVICE: server}
            networks: [back]
            deploy: {endpoint_mode: dnsrr, update_config: {monitor: 1s}}
          client:
            image: local/busybox:1
            command: ["sleep", "3600"]
            networks: [back]
            deploy: {endpoint_mode: dnsrr, update_config: {monitor: 1s}}
        networks:
          back: {}
        """.formatted(HTTPD));
    String client = taskContainer("client");

    // with dnsrr the service name resolves to the task's own address: no VIP, so no IPVS needed
    List<String> server = resolve(client, "server");
    String page = DOCKER.ok("exec", client, "sh", "-c", retried("wget -q -O- http://server:8080/"));

    assertEquals(List.of(taskAddress("server", "back")), server);
    assertEquals("hello-server", page.trim());
  }

  @Test
  void aPortPublishedInHostModeAnswersOnLocalhost() throws Exception {
    int port = FreePorts.one();
    rollout("""
        version: "3.8"
        services:
          web:
            image: local/busybox:1
            command: %s
            environment: {SERVICE: web}
            ports:
              - {target: 8080, published: %d, mode: host}
            deploy: {update_config: {monitor: 1s}}
        """.formatted(HTTPD, port));

    assertEquals("hello-web", get("http://127.0.0.1:" + port + "/").trim());
  }

  @Test
  void anOverlaysOptionsReachTheEngineAsDeclared() throws IOException {
    rollout("""
        version: "3.8"
        services:
          web:
            image: local/busybox:1
            command: ["sleep", "3600"]
            networks: [secure]
            deploy: {update_config: {monitor: 1s}}
        networks:
          secure:
            driver: overlay
            internal: true
            driver_opts:
              encrypted: ""
              com.docker.network.driver.mtu: "1400"
            labels:
              tier: data
        """);

    JsonNode network = inspect("network", namespace + "_secure");
    assertEquals(
        "overlay swarm true",
        network.path("Driver").asText() + " " + network.path("Scope").asText() + " "
            + network.path("Internal").asBoolean());
    assertEquals(
        "", network.path("Options").path("encrypted").asText("missing"), network.toString());
    assertEquals(
        "1400",
        network.path("Options").path("com.docker.network.driver.mtu").asText(),
        network.toString());
    assertEquals("data", network.path("Labels").path("tier").asText(), network.toString());
    assertEquals(
        namespace, network.path("Labels").path(StackLabels.NAMESPACE).asText(), network.toString());
    // the task's interface has the declared MTU less the 76 bytes encryption (IPsec ESP) takes:
    // 1324, not 1374
    String link = DOCKER.ok("exec", taskContainer("web"), "ip", "link", "show", "eth0");
    assertTrue(link.contains(" mtu 1324 "), link);
  }

  private RolloutReport rollout(String compose) throws IOException {
    LoadedStack stack = load(compose);
    List<Problem> problems = validate(stack);
    assertEquals(List.of(), problems.stream().filter(Problem::isError).toList());
    return new StackRollout(engine, deployLog)
        .deploy(
            namespace,
            new StackConverter(namespace, name -> Optional.empty()).convert(stack),
            OPTIONS,
            WAIT,
            Recording.off());
  }

  private ConvertedStack convert(String compose) throws IOException {
    return new StackConverter(namespace, name -> Optional.empty()).convert(load(compose));
  }

  private LoadedStack load(String compose) throws IOException {
    Path file = Files.writeString(dir.resolve("stack.yml"), compose);
    SourceTree noPom = new SourceTree(JsonNodeFactory.instance.objectNode(), new SourceMap());
    return new StackLoader(name -> Optional.empty()).load(List.of(file), noPom, dir);
  }

  private List<Problem> validate(LoadedStack stack) {
    return new StackValidator(namespace).validate(stack);
  }

  /** The running task's container of a one-replica service on this node. */
  private String taskContainer(String service) {
    String ids = DOCKER.ok(
        "ps", "-q", "--filter", "label=com.docker.swarm.service.name=" + namespace + "_" + service);
    assertEquals(1, ids.lines().count(), "one running task of " + service + ": " + ids);
    return ids.trim();
  }

  /** The task's address on the stack network {@code network}. */
  private String taskAddress(String service, String network) throws IOException {
    return inspect("container", taskContainer(service))
        .path("NetworkSettings")
        .path("Networks")
        .path(namespace + "_" + network)
        .path("IPAddress")
        .asText();
  }

  /** The IPv4 addresses {@code name} resolves to inside {@code container}, by busybox's nslookup. */
  private static List<String> resolve(String container, String name) {
    String output = DOCKER.ok("exec", container, "sh", "-c", retried("nslookup -type=a " + name));
    String answer = output.substring(Math.max(0, output.indexOf("Name:")));
    return Pattern.compile("Address: ([0-9.]+)")
        .matcher(answer)
        .results()
        .map(match -> match.group(1))
        .toList();
  }

  private static JsonNode inspect(String kind, String idOrName) throws IOException {
    return JSON.readTree(DOCKER.ok(kind, "inspect", idOrName)).path(0);
  }

  private static List<String> fieldNames(JsonNode object) {
    return object.properties().stream().map(field -> field.getKey()).sorted().toList();
  }

  /**
   * A shell command repeated until it succeeds, once a second at most {@link #ATTEMPTS} times (this busybox has no
   * seq, and its wget crashes with -T, so a try ends when the connection does).
   */
  private static String retried(String command) {
    String attempts = String.join(
        " ", IntStream.rangeClosed(1, ATTEMPTS).mapToObj(Integer::toString).toList());
    return "for i in " + attempts + "; do " + command + " && exit 0; sleep 1; done; exit 1";
  }

  private static String get(String url) throws Exception {
    HttpClient client =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build();
    for (int attempt = 1; ; attempt++) {
      try {
        return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
      } catch (IOException e) {
        if (attempt == ATTEMPTS) {
          throw e;
        }
        Thread.sleep(1000);
      }
    }
  }
}
