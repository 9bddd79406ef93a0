package dev.swarmstack.swarm.validate;

import static dev.swarmstack.swarm.validate.Stacks.errors;
import static dev.swarmstack.swarm.validate.Stacks.warnings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmstack.swarm.problem.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test or more per rule: the rule fires, says where, and says what to do. */
class RuleChecksTest {

  @TempDir
  Path dir;

  // names

  @Test
  void anInvalidStackNameIsReportedOnce() {
    List<Problem> problems =
        Stacks.validate("my.stack", "services: {web: {image: nginx}, db: {image: pg}}", dir);

    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).message().startsWith("invalid stack name 'my.stack'"));
  }

  @Test
  void serviceAndNetworkNamesAreDnsNameComponents() {
    List<String> errors = errors("""
        services: {web.v2: {image: nginx, networks: {front: null}}}
        networks: {front: {name: front.net}}
        """);

    assertEquals(
        List.of(
            "stack.yml#/services/web.v2: invalid service name 'shop_web.v2': the engine allows only letters, digits,"
                + " '-' and '_' (not first or last), at most 63 characters; rename the service",
            "stack.yml#/networks/front: invalid network name 'front.net': the engine allows only letters, digits,"
                + " '-' and '_' (not first or last), at most 63 characters; rename the network or set its 'name'"),
        errors);
  }

  @Test
  void prefixedNamesMustFitIn63Characters() {
    String key = "s".repeat(59); // shop_ + 59 = 64
    assertEquals(1, errors("services: {" + key + ": {image: nginx}}").size());
    assertEquals(List.of(), errors("services: {" + key.substring(1) + ": {image: nginx}}"));
  }

  @Test
  void secretNamesMayHoldDotsAndExternalNamesAreNotChecked() throws Exception {
    Files.writeString(dir.resolve("a"), "x");
    List<Problem> problems = Stacks.validate("shop", """
        secrets: {tls.key: {file: a}, bad: {file: a, name: -bad}, other: {external: true, name: "any thing"}}
        """, dir);

    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems
        .get(0)
        .toString()
        .startsWith("stack.yml#/secrets/bad: invalid secret name '-bad'"));
  }

  // deploy settings

  @Test
  void unknownModeListsTheFourModes() {
    assertEquals(
        List.of(
            "stack.yml#/services/web/deploy/mode: unknown deploy mode 'daemon': use one of replicated,"
                + " global, replicated-job, global-job"),
        errors("services: {web: {image: nginx, deploy: {mode: daemon}}}"));
  }

  @Test
  void globalJobTakesNoReplicasAndReplicasAreNotNegative() {
    assertTrue(errors("services: {web: {image: nginx, deploy: {mode: global-job, replicas: 1}}}")
        .get(0)
        .contains("use replicated-job"));
    assertEquals(
        1, errors("services: {web: {image: nginx, deploy: {replicas: -1}}}").size());
  }

  @Test
  void updateRollbackAndRestartPoliciesTakeKnownValues() {
    List<String> errors = errors("""
        services:
          web:
            image: nginx
            deploy:
              update_config: {failure_action: retry, order: random, max_failure_ratio: 1.5, parallelism: -1}
              rollback_config: {failure_action: retry}
              restart_policy: {condition: always}
              endpoint_mode: round-robin
        """);

    assertEquals(
        List.of(
            "stack.yml#/services/web/deploy/update_config/failure_action: invalid update_config failure_action 'retry':"
                + " use one of continue, pause, rollback",
            "stack.yml#/services/web/deploy/update_config/order: invalid update_config order 'random': use one of"
                + " stop-first, start-first",
            "stack.yml#/services/web/deploy/update_config/max_failure_ratio: update_config max_failure_ratio must be"
                + " between 0 and 1 (a fraction of the tasks), not 1.5",
            "stack.yml#/services/web/deploy/update_config/parallelism: update_config parallelism must be 0 (all at"
                + " once) or more, not -1",
            "stack.yml#/services/web/deploy/rollback_config/failure_action: invalid rollback_config failure_action"
                + " 'retry': use one of continue, pause, rollback",
            "stack.yml#/services/web/deploy/restart_policy/condition: invalid restart_policy condition 'always': use"
                + " one of none, on-failure, any",
            "stack.yml#/services/web/deploy/endpoint_mode: invalid endpoint_mode 'round-robin': use one of vip, dnsrr"),
        errors);
  }

  @Test
  void healthcheckTestStartsWithAKnownWord() {
    assertTrue(
        errors("services: {web: {image: nginx, healthcheck: {test: [curl, -f, localhost]}}}")
            .get(0)
            .startsWith(
                "stack.yml#/services/web/healthcheck/test: healthcheck test must start with CMD, CMD-SHELL or NONE"));
    assertEquals(List.of(), errors("services: {web: {image: nginx, healthcheck: {test: [NONE]}}}"));
  }

  // ports

  @Test
  void portValuesAreChecked() {
    assertEquals(
        List.of(
            "stack.yml#/services/web/ports/0/mode: invalid port mode 'local': use one of ingress, host",
            "stack.yml#/services/web/ports/0/protocol: invalid port protocol 'icmp': use one of tcp, udp, sctp",
            "stack.yml#/services/web/ports/0/published: published port must be between 1 and 65535, not 0 (leave it out"
                + " to let the swarm choose one)"),
        errors(
            "services: {web: {image: nginx, ports: [{target: 80, published: 0, mode: local, protocol: icmp}]}}"));
  }

  @Test
  void dnsrrRefusesIngressPortsButTakesHostPorts() {
    assertEquals(
        List.of(
            "stack.yml#/services/web/ports: service web uses endpoint_mode dnsrr, which the engine refuses"
                + " with ingress ports (80:80/tcp, 53/udp): publish them with mode: host, or use endpoint_mode vip"),
        errors("""
            services: {web: {image: nginx, deploy: {endpoint_mode: dnsrr},
              ports: [{target: 80, published: 80}, {target: 53, protocol: udp}, {target: 81, published: 81, mode: host}]}}
            """),
        "one error per service, listing its ingress ports");
    assertEquals(
        List.of(),
        errors(
            "services: {web: {image: nginx, deploy: {endpoint_mode: dnsrr}, ports: [{target: 80, published: 80, mode: host}]}}"));
  }

  @Test
  void anIngressPortIsPublishedOncePerSwarm() {
    String yaml = """
        services:
          a: {image: nginx, ports: [{target: 80, published: 8080}]}
          b: {image: nginx, ports: [{target: 80, published: 8080}, {target: 81, published: 8080, protocol: udp}]}
        """;

    assertEquals(
        List.of(
            "stack.yml#/services/b/ports/0: port 8080/tcp is also published by service a (ports[0]): an"
                + " ingress port is open on every node, so no other service can publish the same port in any mode; choose"
                + " another published port"),
        errors(yaml));
  }

  @Test
  void aHostPortCannotTakeAnIngressPortEither() {
    // verified on engine 20.10: "port '18091' is already in use by service ... as a host-published
    // port"
    assertEquals(1, errors("""
        services:
          a: {image: nginx, ports: [{target: 80, published: 8080, mode: host}]}
          b: {image: nginx, ports: [{target: 80, published: 8080}]}
        """).size());
  }

  @Test
  void aHostPortClashOnlyWarns() {
    String yaml = """
        services:
          a: {image: nginx, ports: [{target: 80, published: 8080, mode: host}]}
          b: {image: nginx, ports: [{target: 80, published: 8080, mode: host}]}
        """;

    assertEquals(List.of(), errors(yaml));
    assertEquals(1, warnings(yaml).size());
  }

  // networks

  @Test
  void hostAndNoneAreExternalAndAlone() {
    List<String> errors = errors("""
        services:
          web: {image: nginx, networks: {hostnet: null, back: null}}
        networks:
          hostnet: {name: host, external: true}
          back: {}
          nothing: {name: none}
        """);

    assertEquals(
        List.of(
            "stack.yml#/networks/nothing: network nothing is named none, a network every node already has: declare it"
                + " with external: true (and name: none) to attach services to it",
            "stack.yml#/services/web/networks/hostnet: service web is on the host network and on other networks too: the"
                + " engine creates the service but rejects every task (a container on host can join no other network);"
                + " attach it to host alone"),
        errors);
  }

  @Test
  void aServiceOnTheHostNetworkAloneIsFine() {
    assertEquals(List.of(), errors("""
        services: {web: {image: nginx, networks: {host: null}}}
        networks: {host: {external: true}}
        """));
  }

  // secrets and configs

  @Test
  void aSecretNeedsASourceAndItsFileMustExist() throws Exception {
    Files.createDirectory(dir.resolve("folder"));
    List<Problem> problems = Stacks.validate("shop", """
        secrets: {none: {labels: {a: b}}, missing: {file: missing.txt}, folder: {file: folder}, vault: {driver: vault}}
        configs: {nosource: {}, nodriver: {driver: vault}}
        """, dir);

    assertEquals(
        List.of(
            "stack.yml#/secrets/folder/file: secret folder: file " + dir.resolve("folder")
                + " is not a regular file;" + " create it or fix the path",
            "stack.yml#/secrets/missing/file: secret missing: file " + dir.resolve("missing.txt")
                + " does not exist;" + " create it or fix the path",
            "stack.yml#/secrets/none: secret none has no content source: set file to a path, driver to a secret store"
                + " driver, or external: true for a secret that already exists in the swarm",
            "stack.yml#/configs/nodriver: config nodriver has no content source: set file to a path or external: true"
                + " for a config that already exists in the swarm",
            "stack.yml#/configs/nosource: config nosource has no content source: set file to a path or external: true"
                + " for a config that already exists in the swarm"),
        problems.stream().map(Problem::toString).toList());
  }
}
