package dev.swarmstack.swarm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmstack.swarm.testing.CredentialHelperScript;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerConfigCredentialsTest {

  @TempDir
  Path configDir;

  private DockerConfigCredentials config(String json) throws IOException {
    Files.writeString(configDir.resolve("config.json"), json);
    return DockerConfigCredentials.read(configDir);
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void decodesTheAuthFieldThatDockerLoginWrites() throws IOException {
    DockerConfigCredentials credentials = config(
        "{\"auths\": {\"127.0.0.1:5000\": {\"auth\": \"" + base64("swarmtest:pa:ss") + "\"}}}");
    assertEquals(
        Optional.of(new RegistryAuth("127.0.0.1:5000", "swarmtest", "pa:ss")),
        credentials.forRegistry("127.0.0.1:5000"));
  }

  @Test
  void readsUsernameAndPasswordFields() throws IOException {
    DockerConfigCredentials credentials = config(
        "{\"auths\": {\"https://registry.example.com/v2/\": {\"username\": \"u\", \"password\": \"p\"}}}");
    assertEquals(
        Optional.of(new RegistryAuth("https://registry.example.com/v2/", "u", "p")),
        credentials.forRegistry("registry.example.com"));
  }

  @Test
  void theDockerHubKeyMatchesDockerIo() throws IOException {
    DockerConfigCredentials credentials =
        config("{\"auths\": {\"https://index.docker.io/v1/\": {\"auth\": \"" + base64("hub:secret")
            + "\"}}}");
    assertEquals(
        "hub",
        credentials.forRegistry(RegistryHosts.of("nginx:1")).orElseThrow().username());
  }

  @Test
  void theCliKeyWinsWhenSeveralKeysNameOneHost() throws IOException {
    DockerConfigCredentials credentials = config("{\"auths\": {"
        + "\"https://r.example.com/v1/\": {\"username\": \"old\", \"password\": \"p\"},"
        + "\"r.example.com\": {\"username\": \"new\", \"password\": \"p\"}}}");
    assertEquals("new", credentials.forRegistry("r.example.com").orElseThrow().username());
  }

  @Test
  void noEntryEmptyEntryOrNoFileMeanNoCredentials() throws IOException {
    assertEquals(
        Optional.empty(),
        DockerConfigCredentials.read(configDir.resolve("absent")).forRegistry("docker.io"));
    DockerConfigCredentials credentials = config("{\"auths\": {\"r.example.com\": {}}}");
    assertEquals(Optional.empty(), credentials.forRegistry("r.example.com"));
    assertEquals(Optional.empty(), credentials.forRegistry("other.example.com"));
  }

  @Test
  void namesTheCredentialHelperThatHoldsTheCredentials() throws IOException {
    DockerConfigCredentials credentials =
        config("{\"credsStore\": \"desktop\", \"credHelpers\": {\"gcr.io\": \"gcloud\"}}");
    assertEquals(
        Optional.of("docker-credential-gcloud"), credentials.credentialHelperFor("gcr.io"));
    assertEquals(
        Optional.of("docker-credential-desktop"), credentials.credentialHelperFor("docker.io"));
  }

  @Test
  void thePerRegistryHelperComesFirstThenCredsStoreThenAuths() throws IOException {
    Path bin = CredentialHelperScript.write(
        configDir.resolve("bin"),
        "perhost",
        Map.of("r.example.com", new String[] {"h", "from-perhost"}));
    CredentialHelperScript.write(
        bin,
        "store",
        Map.of("r.example.com", new String[] {"s", "from-store"}, "s.example.com", new String[] {
          "s", "store-only"
        }));
    Files.writeString(
        configDir.resolve("config.json"),
        "{\"credHelpers\": {\"r.example.com\": \"perhost\"}, \"credsStore\": \"store\","
            + " \"auths\": {\"a.example.com\": {\"auth\": \"" + base64("a:from-auths") + "\"}}}");
    DockerConfigCredentials credentials = DockerConfigCredentials.read(configDir, bin.toString());

    assertEquals(
        Optional.of(new RegistryAuth("r.example.com", "h", "from-perhost")),
        credentials.forRegistry("r.example.com"));
    assertEquals(
        Optional.of(new RegistryAuth("s.example.com", "s", "store-only")),
        credentials.forRegistry("s.example.com"));
    // the store holds nothing for it ("credentials not found"): what docker login stored
    assertEquals(
        Optional.of(new RegistryAuth("a.example.com", "a", "from-auths")),
        credentials.forRegistry("a.example.com"));
    assertEquals("s.example.com\na.example.com\n", CredentialHelperScript.asked(bin, "store"));
  }

  @Test
  void theDockerHubIsAskedForByItsIndexAddressAsTheCliAsks() throws IOException {
    Path bin = CredentialHelperScript.write(
        configDir.resolve("bin"),
        "desktop",
        Map.of("https://index.docker.io/v1/", new String[] {"<token>", "refresh-token"}));
    Files.writeString(configDir.resolve("config.json"), "{\"credsStore\": \"desktop\"}");
    RegistryAuth hub = DockerConfigCredentials.read(configDir, bin.toString())
        .forRegistry("docker.io")
        .orElseThrow();
    assertEquals("docker.io", hub.serverAddress());
    assertTrue(hub.isIdentityToken());
  }

  @Test
  void aMissingHelperIsNamedWithWhereItWasConfigured() throws IOException {
    Files.writeString(
        configDir.resolve("config.json"), "{\"credHelpers\": {\"r.example.com\": \"absent\"}}");
    EngineException e = assertThrows(
        EngineException.class, () -> DockerConfigCredentials.read(configDir, configDir.toString())
            .forRegistry("r.example.com"));
    assertEquals(
        "docker-credential-absent (credHelpers in " + configDir.resolve("config.json")
            + ") is not on the PATH ("
            + configDir
            + "). Install it, or remove it from the docker config, or give the registry's credentials with"
            + " --registry-credentials",
        e.getMessage());
  }

  /** Repeated: the helper exits without reading its input, and the write of that input races with the exit. */
  @RepeatedTest(25)
  void aFailingHelperIsReportedWithWhatItSaid() throws IOException {
    Path bin = Files.createDirectories(configDir.resolve("bin"));
    Path helper = bin.resolve("docker-credential-broken");
    Files.writeString(helper, "#!/bin/sh\necho 'pass store is locked' >&2\nexit 3\n");
    helper.toFile().setExecutable(true);
    Files.writeString(configDir.resolve("config.json"), "{\"credsStore\": \"broken\"}");
    EngineException e = assertThrows(
        EngineException.class,
        () -> DockerConfigCredentials.read(configDir, bin.toString()).forRegistry("r.example.com"));
    assertEquals(
        "the docker credential helper docker-credential-broken (credsStore in "
            + configDir.resolve("config.json") + ") failed (exit code 3): pass store is locked",
        e.getMessage());
  }

  @Test
  void aBrokenAuthFieldIsReportedWithoutItsValue() throws IOException {
    DockerConfigCredentials credentials =
        config("{\"auths\": {\"r.example.com\": {\"auth\": \"%%not-base64%%\"}}}");
    EngineException e =
        assertThrows(EngineException.class, () -> credentials.forRegistry("r.example.com"));
    assertFalse(e.getMessage().contains("not-base64%%"), e.getMessage());
  }

  @Test
  void passwordsNeverShowInToString() throws IOException {
    DockerConfigCredentials credentials = config(
        "{\"auths\": {\"r.example.com\": {\"username\": \"u\", \"password\": \"hunter2\"}}}");
    assertFalse(
        credentials.forRegistry("r.example.com").orElseThrow().toString().contains("hunter2"));
  }
}
