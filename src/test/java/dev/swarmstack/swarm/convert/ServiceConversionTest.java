package dev.swarmstack.swarm.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The small CLI details of ServiceSpec conversion, one at a time. */
class ServiceConversionTest {

  private static ObjectNode service(String serviceYaml) {
    String yaml = "services:\n  web:\n    image: nginx:1\n" + serviceYaml.indent(4);
    return Stacks.convert(yaml).services().get("st_web");
  }

  private static JsonNode container(String serviceYaml) {
    return service(serviceYaml).path("TaskTemplate").path("ContainerSpec");
  }

  @Test
  void namesAndLabelsCarryTheNamespaceAndTheComposeImage() {
    ObjectNode spec = service("""
        labels: {tier: front}
        deploy:
          labels: {team: a}
        """);
    assertEquals("st_web", spec.get("Name").asText());
    assertEquals(
        "{\"com.docker.stack.image\":\"nginx:1\",\"com.docker.stack.namespace\":\"st\",\"team\":\"a\"}",
        spec.get("Labels").toString());
    assertEquals(
        "{\"com.docker.stack.namespace\":\"st\",\"tier\":\"front\"}",
        spec.path("TaskTemplate").path("ContainerSpec").get("Labels").toString());
  }

  @Test
  void emptyServiceGetsTheAlwaysPresentParts() {
    ObjectNode spec = service("");
    assertEquals("{\"Replicated\":{}}", spec.get("Mode").toString());
    assertEquals("{}", spec.get("EndpointSpec").toString());
    assertEquals("{}", spec.path("TaskTemplate").get("Resources").toString());
    assertEquals("{}", spec.path("TaskTemplate").get("Placement").toString());
    assertEquals(
        "[{\"Target\":\"st_default\",\"Aliases\":[\"web\"]}]",
        spec.path("TaskTemplate").get("Networks").toString());
    assertFalse(spec.path("TaskTemplate").has("RestartPolicy"));
    assertFalse(spec.has("UpdateConfig"));
  }

  @Test
  void entrypointIsCommandAndCommandIsArgs() {
    JsonNode container = container("entrypoint: [/bin/sh, -c]\ncommand: [echo, hi]\n");
    assertEquals("[\"/bin/sh\",\"-c\"]", container.get("Command").toString());
    assertEquals("[\"echo\",\"hi\"]", container.get("Args").toString());
  }

  @Test
  void environmentIsSortedWithOsValuesForMissingAndEmptyValues() {
    JsonNode env = container("""
        environment:
          ZED: z
          FROM_OS: null
          EMPTY_IN_FILE: ""
          UNSET: null
          BLANK: ""
        """).get("Env");
    assertEquals(
        "[\"BLANK=\",\"EMPTY_IN_FILE=os-empty\",\"FROM_OS=os-value\",\"UNSET\",\"ZED=z\"]",
        env.toString());
  }

  /** As the CLI sorts them (real-world files showed it): by published port, equal ones in the order written. */
  @Test
  void portsAreSortedByPublishedPortKeepingTheWrittenOrderOfEqualOnes() {
    JsonNode ports = service("""
        ports:
          - {target: 80, published: 8080, protocol: tcp, mode: ingress}
          - {target: 53, published: 53, protocol: udp, mode: host}
          - {target: 53, published: 53, protocol: tcp, mode: host}
          - {target: 9000, protocol: tcp, mode: ingress}
        deploy:
          endpoint_mode: DNSRR
        """).get("EndpointSpec");
    assertEquals("dnsrr", ports.get("Mode").asText());
    assertEquals(
        "[{\"Protocol\":\"tcp\",\"TargetPort\":9000,\"PublishMode\":\"ingress\"},"
            + "{\"Protocol\":\"udp\",\"TargetPort\":53,\"PublishedPort\":53,\"PublishMode\":\"host\"},"
            + "{\"Protocol\":\"tcp\",\"TargetPort\":53,\"PublishedPort\":53,\"PublishMode\":\"host\"},"
            + "{\"Protocol\":\"tcp\",\"TargetPort\":80,\"PublishedPort\":8080,\"PublishMode\":\"ingress\"}]",
        ports.get("Ports").toString());
  }

  @Test
  void modesIncludingJobs() {
    assertEquals(
        "{\"Replicated\":{\"Replicas\":0}}",
        service("deploy: {replicas: 0}").get("Mode").toString());
    assertEquals(
        "{\"Global\":{}}", service("deploy: {mode: global}").get("Mode").toString());
    assertEquals(
        "{\"ReplicatedJob\":{\"MaxConcurrent\":3,\"TotalCompletions\":3}}",
        service("deploy: {mode: replicated-job, replicas: 3}").get("Mode").toString());
    assertEquals(
        "{\"ReplicatedJob\":{}}",
        service("deploy: {mode: replicated-job}").get("Mode").toString());
    assertEquals(
        "{\"GlobalJob\":{}}", service("deploy: {mode: global-job}").get("Mode").toString());
  }

  @Test
  void resourcesParseCpusExactlyAndKeepPidsAndGenericResources() {
    JsonNode resources = service("""
        deploy:
          resources:
            limits: {cpus: "0.5", memory: "52428800", pids: 100}
            reservations:
              cpus: ".0001"
              generic_resources:
                - discrete_resource_spec: {kind: gpu, value: 2}
        """).path("TaskTemplate").get("Resources");
    assertEquals(
        "{\"Limits\":{\"NanoCPUs\":500000000,\"MemoryBytes\":52428800,\"Pids\":100},"
            + "\"Reservations\":{\"NanoCPUs\":100000,"
            + "\"GenericResources\":[{\"DiscreteResourceSpec\":{\"Kind\":\"gpu\",\"Value\":2}}]}}",
        resources.toString());
    assertEquals(
        "{\"Limits\":{}}",
        service("deploy: {resources: {limits: {}}}")
            .path("TaskTemplate")
            .get("Resources")
            .toString());
  }

  @Test
  void restartPolicyPrefersDeployAndFallsBackToRestart() {
    assertEquals(
        "{\"Condition\":\"on-failure\",\"Delay\":5000000000,\"MaxAttempts\":0,\"Window\":120000000000}",
        service(
                "restart: always\ndeploy: {restart_policy: {condition: on-failure, delay: 5s, max_attempts: 0,"
                    + " window: 2m0s}}")
            .path("TaskTemplate")
            .get("RestartPolicy")
            .toString());
    assertEquals(
        "{\"Condition\":\"any\"}",
        service("restart: always").path("TaskTemplate").get("RestartPolicy").toString());
    assertEquals(
        "{\"Condition\":\"any\"}",
        service("restart: unless-stopped")
            .path("TaskTemplate")
            .get("RestartPolicy")
            .toString());
    assertEquals(
        "{\"Condition\":\"on-failure\",\"MaxAttempts\":3}",
        service("restart: on-failure:3")
            .path("TaskTemplate")
            .get("RestartPolicy")
            .toString());
    assertEquals(
        "{\"Condition\":\"on-failure\"}",
        service("restart: on-failure").path("TaskTemplate").get("RestartPolicy").toString());
    assertFalse(service("restart: \"no\"").path("TaskTemplate").has("RestartPolicy"));
  }

  @Test
  void updateConfigDefaultsParallelismToOneAndDurationsAreNanoseconds() {
    ObjectNode spec = service("""
        deploy:
          update_config: {delay: 1m30s, monitor: 500ms, max_failure_ratio: 0.25, order: start-first}
          rollback_config: {parallelism: 0}
        """);
    assertEquals(
        "{\"Parallelism\":1,\"Delay\":90000000000,\"Monitor\":500000000,\"MaxFailureRatio\":0.25,"
            + "\"Order\":\"start-first\"}",
        spec.get("UpdateConfig").toString());
    assertEquals(
        "{\"Parallelism\":0,\"MaxFailureRatio\":0.0,\"Order\":\"\"}",
        spec.get("RollbackConfig").toString());
  }

  @Test
  void placementKeepsPreferencesAndMaxReplicas() {
    assertEquals(
        "{\"Constraints\":[\"node.role==manager\"],\"Preferences\":[{\"Spread\":{\"SpreadDescriptor\":"
            + "\"node.labels.az\"}}],\"MaxReplicas\":2}",
        service(
                "deploy: {placement: {constraints: [node.role==manager], preferences: [{spread: node.labels.az}],"
                    + " max_replicas_per_node: 2}}")
            .path("TaskTemplate")
            .get("Placement")
            .toString());
  }

  @Test
  void healthcheckDurationsStartIntervalAndDisable() {
    assertEquals(
        "{\"Test\":[\"CMD-SHELL\",\"curl -f localhost\"],\"Interval\":10000000000,\"Timeout\":1000000000,"
            + "\"StartPeriod\":15000000000,\"StartInterval\":2000000000,\"Retries\":5}",
        container(
                "healthcheck: {test: [CMD-SHELL, curl -f localhost], interval: 10s, timeout: 1s, retries: 5,"
                    + " start_period: 15s, start_interval: 2s}")
            .get("Healthcheck")
            .toString());
    assertEquals(
        "{\"Test\":[\"NONE\"]}",
        container("healthcheck: {disable: true}").get("Healthcheck").toString());
  }

  @Test
  void hostsDnsCapabilitiesUlimitsAndSmallFields() {
    JsonNode container = container("""
        extra_hosts: ["somehost:162.242.195.82", "ipv6.example.com:::1", "nocolon"]
        dns: [8.8.8.8, "not-an-ip", "2001:db8::1"]
        dns_search: [example.com]
        cap_add: [net_admin, CAP_SYS_TIME, sys_time]
        cap_drop: [NET_ADMIN, mknod]
        ulimits:
          nproc: 65535
          nofile: {soft: 20000, hard: 40000}
        hostname: h
        user: "1000:1000"
        working_dir: /app
        stop_signal: SIGUSR1
        stop_grace_period: 0s
        tty: true
        stdin_open: false
        read_only: true
        init: false
        isolation: default
        sysctls: {net.core.somaxconn: "1024"}
        oom_score_adj: -500
        logging: {driver: syslog, options: {syslog-address: "tcp://192.168.0.42:123"}}
        """);
    assertEquals(
        "[\"162.242.195.82 somehost\",\"::1 ipv6.example.com\"]",
        container.get("Hosts").toString());
    assertEquals(
        "{\"Nameservers\":[\"8.8.8.8\",\"2001:db8::1\"],\"Search\":[\"example.com\"]}",
        container.get("DNSConfig").toString());
    assertEquals(
        "[\"CAP_NET_ADMIN\",\"CAP_SYS_TIME\"]", container.get("CapabilityAdd").toString());
    assertEquals("[\"CAP_MKNOD\"]", container.get("CapabilityDrop").toString());
    assertEquals(
        "[{\"Name\":\"nofile\",\"Hard\":40000,\"Soft\":20000},{\"Name\":\"nproc\",\"Hard\":65535,"
            + "\"Soft\":65535}]",
        container.get("Ulimits").toString());
    assertEquals(0, container.get("StopGracePeriod").asLong());
    assertTrue(container.get("TTY").asBoolean());
    assertFalse(container.has("OpenStdin"));
    assertFalse(container.get("Init").asBoolean());
    assertEquals(-500, container.get("OomScoreAdj").asLong());
    assertEquals("1000:1000", container.get("User").asText());
    assertEquals("/app", container.get("Dir").asText());
    assertEquals("default", container.get("Isolation").asText());
  }

  @Test
  void allCapabilitiesTrumpTheOthers() {
    JsonNode container = container("cap_add: [all, net_admin]\ncap_drop: [ALL]");
    assertEquals("[\"ALL\"]", container.get("CapabilityAdd").toString());
    assertFalse(container.has("CapabilityDrop"));
  }
}
