package dev.swarmstack.swarm.maven.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.swarmstack.swarm.compose.LoadedStack;
import dev.swarmstack.swarm.compose.SourceTree;
import dev.swarmstack.swarm.compose.StackLoader;
import dev.swarmstack.swarm.problem.Problem;
import dev.swarmstack.swarm.problem.Problems;
import dev.swarmstack.swarm.validate.StackValidator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pom's in-memory content sources: environment variables, properties, inline config content. */
class ContentSourcesTest {

  private static final Map<String, String> ENVIRONMENT = Map.of("DB_PASSWORD", "env-s3cret");
  private static final Map<String, String> PROPERTIES = Map.of("api.key", "prop-s3cret");

  @TempDir
  Path baseDir;

  private final Problems problems = new Problems();

  @Test
  void environmentPropertyAndInlineContentAreHeldInMemoryAndValidate() {
    LoadedStack stack = load(
        List.of(
            secret("db", s -> s.environment = "DB_PASSWORD"),
            secret("key", s -> s.property = "api.key")),
        List.of(config("settings", c -> c.content = "level=info")));

    assertEquals(List.of(), problems.all());
    assertArrayEquals(
        bytes("env-s3cret"), stack.compose().secrets().get("db").content().bytes());
    assertArrayEquals(
        bytes("prop-s3cret"), stack.compose().secrets().get("key").content().bytes());
    assertArrayEquals(
        bytes("level=info"), stack.compose().configs().get("settings").content().bytes());
    assertNull(stack.compose().secrets().get("db").file());
    assertEquals(
        List.of(),
        new StackValidator("st").validate(stack),
        "a content in memory is a content source");
    assertFalse(stack.compose().toString().contains("s3cret"), "never printed");
  }

  @Test
  void aMissingVariableOrPropertyIsOneErrorNamingThePomElement() {
    load(
        List.of(
            secret("db", s -> s.environment = "NOT_SET_ANYWHERE"),
            secret("key", s -> s.property = "no.such")),
        List.of());

    assertEquals(
        List.of(
            "<secrets><secret>db</secret><environment>: environment variable NOT_SET_ANYWHERE is not set: set it for the"
                + " Maven process (e.g. from the CI system's secret store), or name another source",
            "<secrets><secret>key</secret><property>: Maven property no.such is not set: pass -Dno.such=... or define it"
                + " in <properties> or a settings.xml profile"),
        problems.all().stream().map(Problem::toString).toList());
  }

  @Test
  void twoSourcesOrInlineSecretContentAreErrors() {
    load(
        List.of(
            secret("both", s -> {
              s.file = "a.txt";
              s.environment = "DB_PASSWORD";
            }),
            secret("inline", s -> s.content = "no")),
        List.of());

    assertEquals(
        List.of(
            "<secrets><secret>both</secret>: secret both has 2 content sources (<file>, <environment>): keep exactly one",
            "<secrets><secret>inline</secret><content>: inline <content> is for configs only: a secret's value does not"
                + " belong in the pom. Use <environment>, <property> or <file>"),
        problems.all().stream().map(Problem::toString).toList());
  }

  private LoadedStack load(List<FileObjectConfig> secrets, List<FileObjectConfig> configs) {
    ServiceConfig web = new ServiceConfig(); // a stack needs a service
    web.name = "web";
    web.image = "nginx";
    SourceTree pom = new PomStackMapper().map(null, List.of(web), null, secrets, configs, problems);
    LoadedStack loaded = new StackLoader(name -> Optional.empty()).load(List.of(), pom, baseDir);
    return new ContentSources(
            name -> Optional.ofNullable(ENVIRONMENT.get(name)),
            name -> Optional.ofNullable(PROPERTIES.get(name)))
        .apply(loaded, secrets, configs, problems);
  }

  private static FileObjectConfig secret(
      String name, java.util.function.Consumer<FileObjectConfig> setup) {
    FileObjectConfig secret = new FileObjectConfig();
    secret.name = name;
    setup.accept(secret);
    return secret;
  }

  private static FileObjectConfig config(
      String name, java.util.function.Consumer<FileObjectConfig> setup) {
    return secret(name, setup);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
