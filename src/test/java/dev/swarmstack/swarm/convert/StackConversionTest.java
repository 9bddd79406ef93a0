package dev.swarmstack.swarm.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.compose.LoadedStack;
import dev.swarmstack.swarm.compose.SourceMap;
import dev.swarmstack.swarm.problem.Origin;
import dev.swarmstack.swarm.problem.StackException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Networks, secrets, configs, mounts, references and errors: the stack-wide side of conversion. */
class StackConversionTest {

  @TempDir
  Path dir;

  @Test
  void onlyUsedNetworksAreCreatedAndBuiltInExternalsAreNotChecked() {
    ConvertedStack stack = Stacks.convert("""
        services:
          plain: {image: a}
          attached:
            image: a
            networks:
              front: {aliases: [web], driver_opts: {opt: v}}
              outside: null
              hostnet: null
        networks:
          front:
            driver_opts: {com.docker.network.driver.mtu: "1400"}
            labels: {tier: front}
            attachable: true
            internal: true
            ipam: {driver: default, config: [{subnet: 10.1.0.0/24}]}
          outside: {external: true}
          hostnet: {external: true, name: host}
          unused: {}
        """);
    assertEquals(List.of("st_default", "st_front"), List.copyOf(stack.networks().keySet()));
    assertEquals(
        "{\"Name\":\"st_default\",\"Driver\":\"overlay\",\"Labels\":{\"com.docker.stack.namespace\":\"st\"}}",
        stack.networks().get("st_default").toString());
    assertEquals(
        "{\"Name\":\"st_front\",\"Driver\":\"overlay\",\"Options\":{\"com.docker.network.driver.mtu\":\"1400\"},"
            + "\"Labels\":{\"com.docker.stack.namespace\":\"st\",\"tier\":\"front\"},\"Internal\":true,\"Attachable\":true,"
            + "\"IPAM\":{\"Driver\":\"default\",\"Config\":[{\"Subnet\":\"10.1.0.0/24\"}]}}",
        stack.networks().get("st_front").toString());
    assertEquals(List.of("outside"), List.copyOf(stack.externalNetworks()));
    assertEquals(
        "[{\"Target\":\"host\"},{\"Target\":\"outside\",\"Aliases\":[\"attached\"]},"
            + "{\"Target\":\"st_front\",\"Aliases\":[\"web\",\"attached\"],\"DriverOpts\":{\"opt\":\"v\"}}]",
        stack.services().get("st_attached").path("TaskTemplate").get("Networks").toString());
  }

  @Test
  void secretsAndConfigsCarryTheFileBase64AndTheirReferencesDefaults() throws IOException {
    Path file = Files.write(dir.resolve("secret.txt"), new byte[] {0, 1, 2, (byte) 0xff});
    ConvertedStack stack = Stacks.convert("""
        services:
          web:
            image: a
            secrets: [{source: s}, {source: named, target: /run/n, uid: "103", gid: "104", mode: 256}]
            configs: [{source: c}]
        secrets:
          s: {file: %1$s, labels: {k: v}}
          named: {name: fixed-name, file: %1$s}
          unused: {file: %1$s}
          by-driver: {driver: vault, driver_opts: {path: x}}
          outside: {external: true}
        configs:
          c: {file: %1$s, template_driver: golang}
        """.formatted(file));
    assertEquals(
        List.of("fixed-name", "st_by-driver", "st_s", "st_unused"),
        List.copyOf(stack.secrets().keySet()));
    assertEquals(
        "{\"Name\":\"st_s\",\"Labels\":{\"com.docker.stack.namespace\":\"st\",\"k\":\"v\"},\"Data\":\"AAEC/w==\"}",
        stack.secrets().get("st_s").toString());
    assertEquals(
        "{\"Name\":\"st_by-driver\",\"Labels\":{\"com.docker.stack.namespace\":\"st\"},"
            + "\"Driver\":{\"Name\":\"vault\",\"Options\":{\"path\":\"x\"}}}",
        stack.secrets().get("st_by-driver").toString());
    assertEquals(
        "{\"Name\":\"st_c\",\"Labels\":{\"com.docker.stack.namespace\":\"st\"},\"Data\":\"AAEC/w==\","
            + "\"Templating\":{\"Name\":\"golang\"}}",
        stack.configs().get("st_c").toString());
    JsonNode container = stack.services().get("st_web").path("TaskTemplate").path("ContainerSpec");
    assertEquals(
        "[{\"File\":{\"Name\":\"/run/n\",\"UID\":\"103\",\"GID\":\"104\",\"Mode\":256},\"SecretID\":\"\","
            + "\"SecretName\":\"fixed-name\"},{\"File\":{\"Name\":\"s\",\"UID\":\"0\",\"GID\":\"0\",\"Mode\":292},"
            + "\"SecretID\":\"\",\"SecretName\":\"st_s\"}]",
        container.get("Secrets").toString());
    assertEquals(
        "[{\"File\":{\"Name\":\"c\",\"UID\":\"0\",\"GID\":\"0\",\"Mode\":292},\"ConfigID\":\"\","
            + "\"ConfigName\":\"st_c\"}]",
        container.get("Configs").toString());
  }

  @Test
  void objectIdsAreFilledByNameAndMissingOnesFailAsTheCliDoes() {
    ObjectNode spec = Stacks.convert("""
        services:
          web:
            image: a
            secrets: [{source: s}]
            configs: [{source: c}]
            credential_spec: {config: c}
        secrets:
          s: {external: true}
        configs:
          c: {external: true, name: cred}
        """).services().get("st_web");
    ObjectNode filled = ServiceSpecs.withObjectIds(spec, Map.of("s", "sid"), Map.of("cred", "cid"));
    JsonNode container = filled.path("TaskTemplate").path("ContainerSpec");
    assertEquals("sid", container.path("Secrets").get(0).get("SecretID").asText());
    assertEquals(
        "[{\"File\":{\"Name\":\"c\",\"UID\":\"0\",\"GID\":\"0\",\"Mode\":292},\"ConfigID\":\"cid\","
            + "\"ConfigName\":\"cred\"},{\"Runtime\":{},\"ConfigID\":\"cid\",\"ConfigName\":\"cred\"}]",
        container.get("Configs").toString());
    assertEquals(
        "{\"Config\":\"cid\",\"File\":\"\",\"Registry\":\"\"}",
        container.path("Privileges").get("CredentialSpec").toString());
    assertEquals(
        "",
        spec.path("TaskTemplate")
            .path("ContainerSpec")
            .path("Secrets")
            .get(0)
            .get("SecretID")
            .asText(),
        "the converted spec itself is left unchanged");

    StackException missing = assertThrows(
        StackException.class,
        () -> ServiceSpecs.withObjectIds(spec, Map.of(), Map.of("cred", "cid")));
    assertTrue(missing.getMessage().startsWith("secret not found: s"), missing.getMessage());
  }

  @Test
  void mountsNamespaceNamedVolumesAndCarryTheirOptions() {
    JsonNode mounts = Stacks.convert("""
        services:
          web:
            image: a
            volumes:
              - {type: volume, target: /anon}
              - {type: volume, source: data, target: /data, volume: {nocopy: true}}
              - {type: volume, source: ext, target: /ext}
              - {type: volume, source: fixed, target: /fixed}
              - {type: bind, source: /srv, target: /srv, read_only: true, consistency: cached, bind: {propagation: rslave}}
              - {type: tmpfs, target: /tmp, tmpfs: {size: "10000"}}
              - {type: cluster, source: "group:g", target: /c}
        volumes:
          data: {driver: local, driver_opts: {type: tmpfs}, labels: {k: v}}
          ext: {external: true}
          fixed: {name: fixed-volume}
        """)
        .services()
        .get("st_web")
        .path("TaskTemplate")
        .path("ContainerSpec")
        .get("Mounts");
    assertEquals(
        "[{\"Type\":\"volume\",\"Target\":\"/anon\"},"
            + "{\"Type\":\"volume\",\"Source\":\"st_data\",\"Target\":\"/data\",\"VolumeOptions\":{\"NoCopy\":true,"
            + "\"Labels\":{\"com.docker.stack.namespace\":\"st\",\"k\":\"v\"},"
            + "\"DriverConfig\":{\"Name\":\"local\",\"Options\":{\"type\":\"tmpfs\"}}}},"
            + "{\"Type\":\"volume\",\"Source\":\"ext\",\"Target\":\"/ext\",\"VolumeOptions\":{}},"
            + "{\"Type\":\"volume\",\"Source\":\"fixed-volume\",\"Target\":\"/fixed\",\"VolumeOptions\":"
            + "{\"Labels\":{\"com.docker.stack.namespace\":\"st\"}}},"
            + "{\"Type\":\"bind\",\"Source\":\"/srv\",\"Target\":\"/srv\",\"ReadOnly\":true,\"Consistency\":\"cached\","
            + "\"BindOptions\":{\"Propagation\":\"rslave\"}},"
            + "{\"Type\":\"tmpfs\",\"Target\":\"/tmp\",\"TmpfsOptions\":{\"SizeBytes\":10000}},"
            + "{\"Type\":\"cluster\",\"Source\":\"group:g\",\"Target\":\"/c\",\"ClusterOptions\":{}}]",
        mounts.toString());
  }

  @Test
  void networksCarryWhereTheyAreDeclaredForPlanningErrors() {
    SourceMap origins = new SourceMap();
    origins.put(JsonPointer.compile("/services/plain"), new Origin("stack.yml:2:3"));
    origins.put(JsonPointer.compile("/services/later"), new Origin("stack.yml:3:3"));
    origins.put(
        JsonPointer.compile("/networks/front"), new Origin("<networks><network>front</network>"));
    origins.put(JsonPointer.compile("/networks/outside"), new Origin("stack.yml:9:3"));
    var compose = Stacks.parse("""
        services:
          plain: {image: a}
          later: {image: a}
          attached: {image: a, networks: {front: null, outside: null}}
        networks:
          front: {}
          outside: {external: true, name: shared}
        """);

    ConvertedStack stack =
        Stacks.converter().convert(new LoadedStack(compose, origins, List.of(), dir));

    assertEquals(
        new Origin("stack.yml:3:3"),
        stack.networkOrigin("st_default"),
        "the first service on it, by name");
    assertEquals(new Origin("<networks><network>front</network>"), stack.networkOrigin("st_front"));
    assertEquals(new Origin("stack.yml:9:3"), stack.networkOrigin("shared"));
    assertEquals(Origin.UNKNOWN, stack.networkOrigin("st_unknown"));
  }

  @Test
  void publishedPortsCarryWhereTheyAreWrittenWhateverTheOrderTheEngineGetsThem() {
    SourceMap origins = new SourceMap();
    origins.put(
        JsonPointer.compile("/services/web/ports/0"),
        new Origin("<services><service>web</service><ports>[1]"));
    origins.put(JsonPointer.compile("/services/web/ports/1"), new Origin("stack.yml:4:9"));
    var compose = Stacks.parse("""
        services:
          web:
            image: a
            ports:
              - {target: 80, published: 9090, protocol: udp}
              - {target: 80, published: 8080}
        """);

    ConvertedStack stack =
        Stacks.converter().convert(new LoadedStack(compose, origins, List.of(), dir));

    assertEquals(
        new Origin("<services><service>web</service><ports>[1]"),
        stack.portOrigin("st_web", 9090, "udp"));
    assertEquals(
        new Origin("stack.yml:4:9"), stack.portOrigin("st_web", 8080, null), "tcp when unset");
    assertEquals(new Origin("stack.yml:4:9"), stack.portOrigin("st_web", 8080, "tcp"));
    assertEquals(Origin.UNKNOWN, stack.portOrigin("st_web", 9090, "tcp"));
  }

  @Test
  void everyErrorIsReportedAtOnceWithItsOrigin() {
    SourceMap origins = new SourceMap();
    origins.put(JsonPointer.compile("/services/web/networks/nowhere"), new Origin("stack.yml:7:9"));
    var compose = Stacks.parse("""
        services:
          web:
            image: a
            networks: {nowhere: null}
            secrets: [{source: missing}]
            volumes: [{type: volume, source: undeclared, target: /x}, {type: tmpfs, target: /t, bind: {}}]
            healthcheck: {test: [CMD, "true"], disable: true}
            restart: sometimes
            deploy: {mode: global, replicas: 2, resources: {limits: {cpus: "0.0000000001"}}}
            credential_spec: {file: a, registry: b}
          other:
            image: a
            deploy: {mode: everywhere, resources: {reservations: {cpus: lots}}}
        """);
    StackException e = assertThrows(StackException.class, () -> Stacks.converter()
        .convert(new LoadedStack(compose, origins, List.of(), dir)));
    String message = e.getMessage();
    assertEquals(11, e.problems().size(), message);
    for (String expected : List.of(
        "stack.yml:7:9: service web: undefined network \"nowhere\"",
        "service web: undefined secret \"missing\"",
        "service web: undefined volume \"undeclared\"",
        "service web: bind options are incompatible with type tmpfs",
        "service web: test and disable can't be set at the same time",
        "service web: invalid restart policy: unknown policy 'sometimes'",
        "service web: replicas can only be used with replicated or replicated-job mode",
        "service web: cpus 0.0000000001 is too precise",
        "service web: invalid credential spec: cannot specify both \"File\" and \"Registry\"",
        "service other: unknown mode: everywhere",
        "service other: failed to parse lots as a rational number")) {
      assertTrue(message.contains(expected), () -> "missing <" + expected + "> in:\n" + message);
    }
  }

  @Test
  void unreadableSecretFileNamesThePathNotTheContent() {
    StackException e = assertThrows(StackException.class, () -> Stacks.convert("""
        secrets:
          s: {file: /nonexistent/secret.txt}
        """));
    assertEquals(
        "cannot read the file of secret 's' (/nonexistent/secret.txt): NoSuchFileException; check that the file"
            + " exists and is readable",
        e.getMessage());
  }

  @Test
  void envFilesComeFirstAndEnvironmentOverridesThem() throws IOException {
    Files.writeString(
        dir.resolve("a.env"),
        "\uFEFF# comment\nA=from-file\nB=from-file\n  C=kept \nFROM_OS\nNOT_IN_OS\n");
    var compose = Stacks.parse("""
        services:
          web:
            image: a
            env_file: [a.env]
            environment: {B: from-service}
        """);
    JsonNode env = Stacks.converter()
        .convert(new LoadedStack(compose, new SourceMap(), List.of(), dir))
        .services()
        .get("st_web")
        .path("TaskTemplate")
        .path("ContainerSpec")
        .get("Env");
    assertEquals(
        "[\"A=from-file\",\"B=from-service\",\"C=kept \",\"FROM_OS=os-value\"]", env.toString());
  }

  @Test
  void conversionIsDeterministic() {
    String yaml = """
        services:
          b: {image: a, networks: {z: null, y: null}, ports: [{target: 2, published: 2}, {target: 1, published: 1}]}
          a: {image: a, environment: {Z: z, A: a}}
        networks: {z: {}, y: {}}
        """;
    assertEquals(Stacks.convert(yaml).toString(), Stacks.convert(yaml).toString());
  }
}
