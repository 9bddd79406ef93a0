package dev.swarmstack.swarm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.swarmstack.swarm.compose.LoadedStack;
import dev.swarmstack.swarm.compose.SourceMap;
import dev.swarmstack.swarm.compose.SourceTree;
import dev.swarmstack.swarm.compose.StackLoader;
import dev.swarmstack.swarm.convert.ConvertedStack;
import dev.swarmstack.swarm.convert.StackConverter;
import dev.swarmstack.swarm.testing.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path from a compose file: loader, converter, deployer. A redeploy of an unchanged stack that uses many
 * service options still writes nothing, so the normalisation in {@link SpecComparison} covers what the converter
 * sends.
 */
class ComposeDeployIT extends EngineTestBase {

  /** With two free ports to publish: one in ingress mode, one in host mode. */
  private static final String COMPOSE = """
      version: "3.8"
      services:
        api:
          image: local/busybox:1
          command: ["sleep", "3600"]
          environment:
            MODE: test
          labels:
            tier: api
          ports:
            - "%d:80"
            - target: 81
              published: %d
              mode: host
          networks:
            back:
              aliases: [api-internal]
          secrets:
            - source: token
              target: token.txt
              mode: 0400
          configs: [settings]
          healthcheck:
            test: ["CMD", "true"]
            interval: 30s
            timeout: 5s
            retries: 3
          stop_grace_period: 20s
          deploy:
            replicas: 2
            labels:
              owner: team
            resources:
              limits: {cpus: "0.5", memory: 64M}
              reservations: {memory: 16M}
            restart_policy: {condition: on-failure, delay: 5s, max_attempts: 3}
            update_config: {parallelism: 1, delay: 10s, order: start-first, failure_action: rollback}
            rollback_config: {parallelism: 2}
            placement:
              constraints: [node.role == manager]
        worker:
          image: local/busybox:1
          entrypoint: ["sh", "-c"]
          command: ["sleep 3600"]
          deploy:
            mode: global
      networks:
        back:
          driver: overlay
          attachable: true
      secrets:
        token:
          file: ./token.txt
      configs:
        settings:
          file: ./settings.conf
      """;

  @Test
  void unchangedComposeStackRedeploysWithZeroWrites(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("token.txt"), "s3cret");
    Files.writeString(dir.resolve("settings.conf"), "level=info");
    Path compose = Files.writeString(
        dir.resolve("stack.yml"), COMPOSE.formatted(FreePorts.one(), FreePorts.one()));

    ConvertedStack stack = convert(compose);
    deployer().deploy(namespace, stack, DeployOptions.defaults());
    assertEquals(6, engine.writes().size(), engine.writes().toString());

    engine.reset();
    DeployPlan again = deployer().deploy(namespace, convert(compose), DeployOptions.defaults());

    assertEquals(List.of(), engine.writes(), again.changes().toString());
  }

  private ConvertedStack convert(Path compose) {
    SourceTree noPomDefinitions =
        new SourceTree(JsonNodeFactory.instance.objectNode(), new SourceMap());
    LoadedStack loaded = new StackLoader(name -> Optional.empty())
        .load(List.of(compose), noPomDefinitions, compose.getParent());
    return new StackConverter(namespace, name -> Optional.empty()).convert(loaded.compose());
  }
}
