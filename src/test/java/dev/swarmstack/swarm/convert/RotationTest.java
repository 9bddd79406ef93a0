package dev.swarmstack.swarm.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmstack.swarm.compose.ComposeWriter;
import dev.swarmstack.swarm.compose.LoadedStack;
import dev.swarmstack.swarm.compose.SourceMap;
import dev.swarmstack.swarm.model.ComposeFile;
import dev.swarmstack.swarm.model.Content;
import dev.swarmstack.swarm.model.FileObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Content-hash names for the stack's own secrets and configs, and what they change in the services' references. */
class RotationTest {

  @TempDir
  Path dir;

  @Test
  void versionedNameIsTheCliNamePlusEightHexOfTheContentHashAndFitsTheEngineLimit() {
    String hash = "sha256:3f9a2c1b" + "0".repeat(56);
    assertEquals("shop_db_password-3f9a2c1b", VersionNames.of("shop_db_password", hash));
    String longName = "x".repeat(80);
    String versioned = VersionNames.of(longName, hash);
    assertEquals(64, versioned.length());
    assertEquals("x".repeat(55) + "-3f9a2c1b", versioned);
  }

  @Test
  void versionsOfOneObjectDifferOnlyInTheirHash() {
    assertTrue(VersionNames.sameObject("st_db-3f9a2c1b", "st_db-00aa11bb"));
    assertFalse(VersionNames.sameObject("st_db-3f9a2c1b", "st_dbx-00aa11bb"));
    assertTrue(VersionNames.sameObject("st_db", "st_db-00aa11bb"), "deployed with rotation off");
    assertFalse(VersionNames.sameObject("st_db-00aa11bb", "st_db-00aa11bb"), "itself");
    assertFalse(VersionNames.sameObject("st_db-3F9A2C1B", "st_db-00aa11bb"), "not a hash of ours");
    assertFalse(VersionNames.sameObject("st_db_old", "st_db-00aa11bb"));
  }

  @Test
  void ownObjectsAreNamedAfterTheirContentAndServicesReferToThatNameAtTheSameTarget()
      throws IOException {
    ConvertedStack stack = rotating().convert(stack("s3cret", "level=info"));

    String secret = single(stack.secrets().keySet());
    String config = single(stack.configs().keySet());
    assertTrue(secret.matches("st_token-[0-9a-f]{8}"), secret);
    assertTrue(config.matches("custom-name-[0-9a-f]{8}"), config);
    assertEquals(secret, stack.secrets().get(secret).get("Name").asText());
    JsonNode container = stack.services().get("st_app").path("TaskTemplate").path("ContainerSpec");
    assertEquals(
        "{\"File\":{\"Name\":\"token\",\"UID\":\"0\",\"GID\":\"0\",\"Mode\":292},\"SecretID\":\"\","
            + "\"SecretName\":\"" + secret + "\"}",
        container.path("Secrets").get(1).toString());
    assertEquals(
        "/etc/app.conf",
        container.path("Configs").get(0).path("File").path("Name").asText());
    assertEquals(config, container.path("Configs").get(0).path("ConfigName").asText());
    assertEquals(
        "outside",
        container.path("Secrets").get(0).path("SecretName").asText(),
        "external: as named");
  }

  @Test
  void theSameContentKeepsItsNameAndAnyChangeOfDataOrTemplatingGivesANewOne() throws IOException {
    String first = single(rotating().convert(stack("s3cret", "a")).secrets().keySet());
    assertEquals(
        first, single(rotating().convert(stack("s3cret", "a")).secrets().keySet()));
    assertNotEquals(
        first, single(rotating().convert(stack("rotated", "a")).secrets().keySet()));

    String config = single(rotating().convert(stack("s3cret", "a")).configs().keySet());
    assertNotEquals(
        config,
        single(rotating().convert(withTemplate(stack("s3cret", "a"))).configs().keySet()));
  }

  @Test
  void withoutRotationTheNamesAreTheClis() throws IOException {
    ConvertedStack stack = Stacks.converter().convert(stack("s3cret", "a"));
    assertEquals(List.of("st_token"), List.copyOf(stack.secrets().keySet()));
    assertEquals(List.of("custom-name"), List.copyOf(stack.configs().keySet()));
  }

  @Test
  void contentGivenInMemoryIsSentAsDataAndNamedLikeTheSameFileContent() throws IOException {
    LoadedStack fromFile = stack("s3cret", "a");
    ComposeFile compose = fromFile.compose();
    TreeMap<String, FileObject> secrets = new TreeMap<>(compose.secrets());
    secrets.put(
        "token",
        secrets.get("token").withContent(new Content("s3cret".getBytes(StandardCharsets.UTF_8))));
    LoadedStack inMemory = new LoadedStack(
        new ComposeFile(
            compose.version(),
            compose.services(),
            compose.networks(),
            compose.volumes(),
            secrets,
            compose.configs(),
            compose.extensions()),
        new SourceMap(),
        List.of(),
        dir);

    ConvertedStack fromMemory = rotating().convert(inMemory);
    ConvertedStack fromDisk = rotating().convert(fromFile);

    assertEquals(fromDisk.secrets(), fromMemory.secrets());
    assertFalse(
        ComposeWriter.write(inMemory.compose()).contains("s3cret"),
        "never written to a stack file");
    assertFalse(secrets.get("token").toString().contains("s3cret"), "never printed");
  }

  @Test
  void theStackFileNamesEachOwnObjectByItsVersionSoTheCliDeploysTheSame() throws IOException {
    LoadedStack loaded = stack("s3cret", "a");
    ConvertedStack converted = rotating().convert(loaded);
    ComposeFile named = rotating().deployedNames(loaded);

    assertEquals(
        single(converted.secrets().keySet()), named.secrets().get("token").name());
    assertEquals(
        single(converted.configs().keySet()), named.configs().get("settings").name());
    assertEquals(
        loaded.compose().secrets().get("outside"),
        named.secrets().get("outside"),
        "external: unchanged");
    assertEquals(
        loaded.compose(),
        Stacks.converter().deployedNames(loaded),
        "without rotation: as declared");
  }

  private static StackConverter rotating() {
    return Stacks.converter().withRotation(true);
  }

  private LoadedStack withTemplate(LoadedStack stack) {
    ComposeFile compose = stack.compose();
    TreeMap<String, FileObject> configs = new TreeMap<>();
    compose
        .configs()
        .forEach((key, config) -> configs.put(
            key,
            new FileObject(
                config.name(),
                config.file(),
                config.external(),
                config.labels(),
                config.driver(),
                config.driverOpts(),
                "golang",
                config.extensions(),
                null)));
    return new LoadedStack(
        new ComposeFile(
            compose.version(),
            compose.services(),
            compose.networks(),
            compose.volumes(),
            compose.secrets(),
            configs,
            compose.extensions()),
        new SourceMap(),
        List.of(),
        dir);
  }

  private LoadedStack stack(String secret, String config) throws IOException {
    Files.writeString(dir.resolve("token.txt"), secret);
    Files.writeString(dir.resolve("app.conf"), config);
    ComposeFile compose = Stacks.parse("""
        services:
          app:
            image: a
            secrets:
              - {source: token, target: token}
              - {source: outside, target: outside}
            configs:
              - {source: settings, target: /etc/app.conf}
        secrets:
          token: {file: token.txt}
          outside: {external: true}
        configs:
          settings: {file: app.conf, name: custom-name}
        """);
    return new LoadedStack(compose, new SourceMap(), List.of(), dir);
  }

  private static String single(java.util.Set<String> names) {
    assertEquals(1, names.size(), names.toString());
    return names.iterator().next();
  }
}
