package dev.swarmstack.swarm.maven.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.swarmstack.swarm.compose.ComposeWriter;
import dev.swarmstack.swarm.compose.LoadedStack;
import dev.swarmstack.swarm.compose.SourceMap;
import dev.swarmstack.swarm.compose.SourceTree;
import dev.swarmstack.swarm.compose.StackLoader;
import dev.swarmstack.swarm.problem.Problem;
import dev.swarmstack.swarm.problem.Problems;
import dev.swarmstack.swarm.testing.Cli;
import dev.swarmstack.swarm.validate.StackValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The networks every node has (host, none, bridge) and bridge networks, from both inputs: a pom service's
 * {@code <network>host</network>} needs no declaration, a compose file declares it as the CLI requires, and what a
 * swarm service can't use is reported at the pom element or file:line that names it.
 */
class PredefinedNetworksTest {

  private static final String BRIDGE_EXPLAINED =
      " is a bridge network: a bridge connects containers on a single host"
          + " only, and swarm services need an overlay network, which spans the nodes of the swarm; use"
          + " <driver>overlay</driver> in the pom or driver: overlay in a compose file";

  @TempDir
  Path dir;

  // pom

  @Test
  void aPomServiceOnHostGetsThePredefinedNetworkInTheComposeFormTheCliAccepts() throws IOException {
    LoadedStack stack = loadPom(List.of(), service("web", "host"));

    assertEquals(List.of(), errors(stack));
    String generated = ComposeWriter.write(stack.compose());
    assertTrue(generated.contains("""
        networks:
          host:
            name: host
            external: true
        """), generated);
    // the CLI reads the generated file back to the same declaration (it would reject an undeclared
    // host on deploy)
    Path file = Files.writeString(dir.resolve("generated.yml"), generated);
    String cli = Cli.docker().ok("stack", "config", "-c", file.toString());
    assertTrue(cli.contains("""
        networks:
          host:
            name: host
            external: true
        """), cli);
    assertEquals(
        "<services><service>web</service><networks>[1]",
        stack.origins().at("networks", "host").location());
  }

  @Test
  void aPomDeclarationOfTheKeyIsKeptAsItIs() {
    NetworkConfig own = new NetworkConfig();
    own.name = "host";
    own.driver = "overlay";

    List<String> errors = errors(loadPom(List.of(own), service("web", "host")));

    assertEquals(
        List.of(),
        errors,
        "an overlay network of the stack (shop_host) whose key happens to be host");
  }

  @Test
  void aPomServiceOnHostAndAnotherNetworkIsRefused() {
    NetworkConfig back = new NetworkConfig();
    back.name = "back";

    assertEquals(
        List.of(
            "<services><service>web</service><networks>[1]: service web is on the host network and on"
                + " other networks too: the engine creates the service but rejects every task (a container on host can"
                + " join no other network); attach it to host alone"),
        errors(loadPom(List.of(back), service("web", "host", "back"))));
  }

  @Test
  void aPomServiceOnNoneIsRefusedWithTheAlternative() {
    List<String> errors = errors(loadPom(List.of(), service("web", "none")));

    assertEquals(1, errors.size(), errors.toString());
    assertTrue(
        errors
            .get(0)
            .startsWith("<services><service>web</service><networks>[1]: service web is on the none"
                + " network, which swarm services cannot use: the engine refuses the service"),
        errors.get(0));
    assertTrue(errors.get(0).contains("<internal>true</internal>"), errors.get(0));
  }

  @Test
  void aPomServiceOnBridgeIsExplained() {
    assertEquals(
        List.of("<services><service>web</service><networks>[1]: network bridge" + BRIDGE_EXPLAINED),
        errors(loadPom(List.of(), service("web", "bridge"))));
  }

  @Test
  void aPomBridgeNetworkIsExplainedAtItsDeclaration() {
    NetworkConfig lan = new NetworkConfig();
    lan.name = "lan";
    lan.driver = "bridge";

    assertEquals(
        List.of("<networks><network>lan</network>: network lan" + BRIDGE_EXPLAINED),
        errors(loadPom(List.of(lan), service("web", "lan"))));
  }

  // compose

  @Test
  void bothComposeSpellingsOfHostAreAccepted() throws IOException {
    assertEquals(List.of(), errors(loadCompose("""
        version: "3.8"
        services:
          web: {image: nginx, networks: [host]}
          api: {image: nginx, networks: [hostnet]}
        networks:
          host: {external: true}
          hostnet: {external: true, name: host}
        """)));
  }

  @Test
  void anUndeclaredHostInAComposeFileIsRefusedAsTheCliRefusesItOnDeploy() throws IOException {
    assertEquals(
        List.of(file()
            + ":4:23: service web uses the host network, which a compose file must declare, as"
            + " docker stack deploy requires: add networks: {host: {external: true}} at the top level (the pom"
            + " declares it by itself)"),
        errors(loadCompose("""
            version: "3.8"
            services:
              api: {image: nginx}
              web: {image: nginx, networks: [host]}
            """)));
  }

  @Test
  void composeHostWithAnotherNetworkIsRefused() throws IOException {
    List<String> errors = errors(loadCompose("""
        version: "3.8"
        services:
          web:
            image: nginx
            networks:
              - back
              - hostnet
        networks:
          back: {}
          hostnet: {external: true, name: host}
        """));

    // the list form is normalised to a map: the origin is the service's networks key
    assertEquals(
        List.of(file()
            + ":5:5: service web is on the host network and on other networks too: the engine"
            + " creates the service but rejects every task (a container on host can join no other network); attach it"
            + " to host alone"),
        errors);
  }

  @Test
  void composeNoneIsRefusedWhetherDeclaredOrNot() throws IOException {
    List<String> errors = errors(loadCompose("""
        version: "3.8"
        services:
          a: {image: nginx, networks: [none]}
          b: {image: nginx, networks: [nonet]}
        networks:
          nonet: {external: true, name: none}
        """));

    assertEquals(2, errors.size(), errors.toString());
    assertTrue(
        errors
            .get(0)
            .startsWith(file() + ":3:21: service a is on the none network, which swarm services"
                + " cannot use"),
        errors.get(0));
    assertTrue(
        errors.get(1).startsWith(file() + ":4:21: service b is on the none network"),
        errors.get(1));
  }

  @Test
  void composeBridgeIsExplainedWhereverItIsNamed() throws IOException {
    assertEquals(
        List.of(
            file() + ":7:3: network docker0" + BRIDGE_EXPLAINED,
            file() + ":6:3: network lan" + BRIDGE_EXPLAINED,
            file() + ":3:21: service a's network bridge" + BRIDGE_EXPLAINED),
        errors(loadCompose("""
            version: "3.8"
            services:
              a: {image: nginx, networks: [bridge]}
              b: {image: nginx, networks: [lan, docker0]}
            networks:
              lan: {driver: bridge}
              docker0: {external: true, name: bridge}
            """)));
  }

  @Test
  void networkModeHostIsIgnoredAsTheCliIgnoresItButTheWarningSaysWhatToWrite() throws IOException {
    LoadedStack stack = loadCompose("""
        version: "3.8"
        services:
          web: {image: nginx, network_mode: host}
        """);

    assertEquals(List.of(), errors(stack));
    assertEquals(
        List.of(
            file() + ":3:23: Ignoring unsupported options: network_mode",
            file()
                + ":3:37: service web: network_mode host is ignored in a swarm, so the service joins the stack's"
                + " networks (default when it lists none) instead; for the node's network write networks: [host] and"
                + " declare networks: {host: {external: true}} (in the pom: <networks><network>host</network>"
                + "</networks>)"),
        Stream.concat(
                stack.warnings().stream(), new StackValidator("shop").validate(stack).stream())
            .filter(problem -> !problem.isError())
            .map(Problem::toString)
            .toList());
  }

  private LoadedStack loadPom(List<NetworkConfig> networks, ServiceConfig... services) {
    Problems problems = new Problems();
    SourceTree tree =
        new PomStackMapper().map(networks, Arrays.asList(services), null, null, null, problems);
    assertEquals(List.of(), problems.all());
    return new StackLoader(name -> Optional.empty()).load(List.of(), tree, dir);
  }

  private LoadedStack loadCompose(String yaml) throws IOException {
    Path file = Files.writeString(file(), yaml);
    SourceTree noPom = new SourceTree(JsonNodeFactory.instance.objectNode(), new SourceMap());
    return new StackLoader(name -> Optional.empty()).load(List.of(file), noPom, dir);
  }

  private Path file() {
    return dir.resolve("stack.yml");
  }

  private static List<String> errors(LoadedStack stack) {
    return new StackValidator("shop")
        .validate(stack).stream()
            .filter(Problem::isError)
            .map(Problem::toString)
            .toList();
  }

  private static ServiceConfig service(String name, String... networks) {
    ServiceConfig service = new ServiceConfig();
    service.name = name;
    service.image = "nginx";
    service.networks = Arrays.stream(networks)
        .map(network -> {
          ServiceNetworkConfig attachment = new ServiceNetworkConfig();
          attachment.set(network);
          return attachment;
        })
        .toList();
    return service;
  }
}
