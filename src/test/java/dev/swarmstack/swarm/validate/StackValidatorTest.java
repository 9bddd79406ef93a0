package dev.swarmstack.swarm.validate;

import static dev.swarmstack.swarm.validate.Stacks.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmstack.swarm.problem.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackValidatorTest {

  @TempDir
  Path dir;

  @Test
  void aSoundStackHasNoProblems() throws Exception {
    Files.writeString(dir.resolve("token.txt"), "s3cret");
    List<Problem> problems = Stacks.validate("shop", """
        services:
          api:
            image: shop/api:1
            networks: {back: null}
            secrets: [{source: token}]
            ports: [{target: 8080, published: 80, protocol: tcp, mode: ingress}]
            volumes: [{type: volume, source: data, target: /data}]
            deploy: {mode: replicated, replicas: 2, update_config: {order: start-first, failure_action: rollback}}
            healthcheck: {test: [CMD-SHELL, wget -q localhost]}
        networks: {back: {driver: overlay}}
        volumes: {data: {}}
        secrets: {token: {file: token.txt}}
        """, dir);

    assertEquals(List.of(), problems);
  }

  @Test
  void aBridgeNetworkIsExplained() {
    assertEquals(
        List.of(
            "stack.yml#/networks/lan: network lan is a bridge network: a bridge connects containers on a"
                + " single host only, and swarm services need an overlay network, which spans the nodes of the swarm;"
                + " use <driver>overlay</driver> in the pom or driver: overlay in a compose file"),
        errors("""
        services: {web: {image: nginx, networks: {lan: null}}}
        networks: {lan: {driver: bridge}}
        """));
  }

  @Test
  void theExternalBridgeNetworkIsABridgeToo() {
    assertEquals(1, errors("""
        services: {web: {image: nginx, networks: {lan: null}}}
        networks: {lan: {name: bridge, external: true}}
        """).size());
  }

  @Test
  void everyProblemComesBackTogether() {
    List<String> errors = errors("""
        services:
          web:
            networks: {nowhere: null}
            deploy: {mode: global, replicas: 3}
            ports: [{target: 70000}]
        """);

    assertEquals(
        List.of(
            "stack.yml#/services/web/deploy/replicas: deploy mode global runs one task per node and cannot take replicas:"
                + " remove replicas or use replicated",
            "stack.yml#/services/web/networks/nowhere: service web uses network 'nowhere', which is not declared at the"
                + " top level (none is declared); declare it under networks, or fix the name",
            "stack.yml#/services/web/ports/0/target: port target must be a container port between 1 and 65535, not 70000",
            "stack.yml#/services/web: service web has no image: swarm services run only from images; set its image"),
        errors.stream().sorted().toList());
  }

  /** What {@code docker stack deploy} refuses before it writes (measured with CLI 28.2.2). */
  @Test
  void imagesTheCliRefusesAreErrors() {
    List<String> errors = errors("""
        services:
          upper: {image: "team/App:1"}
          digest: {image: "redis@sha256:abc"}
          fine: {image: "Registry.Example:5000/team/app:1"}
          id: {image: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}
        """);

    assertEquals(
        List.of(
            "stack.yml#/services/digest/image: invalid image reference 'redis@sha256:abc' for service digest: invalid"
                + " reference format; write it as [registry[:port]/]repository[:tag][@digest], the repository in lower case",
            "stack.yml#/services/upper/image: invalid image reference 'team/App:1' for service upper: invalid reference"
                + " format: repository name must be lowercase; write it as [registry[:port]/]repository[:tag][@digest], the"
                + " repository in lower case"),
        errors.stream().sorted().toList());
  }

  /** The engine expands templates in mount sources per task: the name is checked as it will read then. */
  @Test
  void aTemplatedVolumeNameIsCheckedAsExpanded() {
    assertEquals(List.of(), errors("""
        services: {db: {image: mysql, volumes: [{type: volume, source: data, target: /var/lib/mysql}]}}
        volumes: {data: {name: '{{.Service.Name}}-{{.Task.Slot}}-data', driver: local}}
        """));
    assertEquals(1, errors("""
        services: {db: {image: mysql, volumes: [{type: volume, source: data, target: /var/lib/mysql}]}}
        volumes: {data: {name: '{{.Service.Name}} data'}}
        """).size());
  }

  @Test
  void undeclaredReferencesListTheDeclaredOnes() {
    List<String> errors = errors("""
        services:
          web:
            image: nginx
            secrets: [{source: tokn}]
            configs: [{source: site}]
            volumes: [{type: volume, source: dat, target: /d}, {type: bind, source: /srv, target: /srv}]
        secrets: {token: {external: true}, cert: {external: true}}
        volumes: {data: {}}
        """);

    assertEquals(3, errors.size(), errors.toString());
    assertTrue(
        errors.get(0).contains("secret 'tokn'")
            && errors.get(0).contains("(declared: cert, token)"),
        errors.get(0));
    assertTrue(
        errors.get(1).contains("config 'site'") && errors.get(1).contains("none is declared"),
        errors.get(1));
    assertTrue(errors.get(2).startsWith("stack.yml#/services/web/volumes/0: ")
        && errors.get(2).contains("declared: data"));
  }

  @Test
  void aSecretOrConfigMountedWithoutASourceIsAProblemNotACrash() { // found by PomMappingFuzzTest
    String fix =
        " without naming it: add its source (source: in a compose file, <source> in the pom), one of the ";
    assertEquals(
        List.of(
            "stack.yml#/services/web/secrets/0: service web mounts a secret" + fix
                + "secrets declared at" + " the top level",
            "stack.yml#/services/web/configs/0: service web mounts a config" + fix
                + "configs declared" + " at the top level"),
        errors("""
        services: {web: {image: nginx, secrets: [{target: /run/token}], configs: [{target: /etc/x.conf}]}}
        secrets: {token: {external: true}}
        """));
  }

  @Test
  void theDefaultNetworkNeedsNoDeclaration() {
    assertEquals(List.of(), errors("services: {web: {image: nginx, networks: {default: null}}}"));
  }
}
