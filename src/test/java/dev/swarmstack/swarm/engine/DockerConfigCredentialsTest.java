package dev.swarmstack.swarm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerConfigCredentialsTest {

  @TempDir Path configDir;

  private DockerConfigCredentials config(String json) throws IOException {
    Files.writeString(configDir.resolve("config.json"), json);
    return DockerConfigCredentials.read(configDir);
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void decodesTheAuthFieldThatDockerLoginWrites() throws IOException {
    DockerConfigCredentials credentials = config("{\"auths\": {\"127.0.0.1:5000\": {\"auth\": \"" + base64("swarmtest:pa:ss") + "\"}}}");
    assertEquals(Optional.of(new RegistryAuth("127.0.0.1:5000", "swarmtest", "pa:ss")), credentials.forRegistry("127.0.0.1:5000"));
  }

  @Test
  void readsUsernameAndPasswordFields() throws IOException {
    DockerConfigCredentials credentials = config("{\"auths\": {\"https://registry.example.com/v2/\": {\"username\": \"u\", \"password\": \"p\"}}}");
    assertEquals(Optional.of(new RegistryAuth("https://registry.example.com/v2/", "u", "p")), credentials.forRegistry("registry.example.com"));
  }

  @Test
  void theDockerHubKeyMatchesDockerIo() throws IOException {
    DockerConfigCredentials credentials = config("{\"auths\": {\"https://index.docker.io/v1/\": {\"auth\": \"" + base64("hub:secret") + "\"}}}");
    assertEquals("hub", credentials.forRegistry(RegistryHosts.of("nginx:1")).orElseThrow().username());
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
    assertEquals(Optional.empty(), DockerConfigCredentials.read(configDir.resolve("absent")).forRegistry("docker.io"));
    DockerConfigCredentials credentials = config("{\"auths\": {\"r.example.com\": {}}, \"credsStore\": \"desktop\"}");
    assertEquals(Optional.empty(), credentials.forRegistry("r.example.com"));
    assertEquals(Optional.empty(), credentials.forRegistry("other.example.com"));
  }

  @Test
  void namesTheCredentialHelperThatHoldsTheCredentials() throws IOException {
    DockerConfigCredentials credentials = config("{\"credsStore\": \"desktop\", \"credHelpers\": {\"gcr.io\": \"gcloud\"}}");
    assertEquals(Optional.of("docker-credential-gcloud"), credentials.credentialHelperFor("gcr.io"));
    assertEquals(Optional.of("docker-credential-desktop"), credentials.credentialHelperFor("docker.io"));
  }

  @Test
  void aBrokenAuthFieldIsReportedWithoutItsValue() throws IOException {
    DockerConfigCredentials credentials = config("{\"auths\": {\"r.example.com\": {\"auth\": \"%%not-base64%%\"}}}");
    EngineException e = assertThrows(EngineException.class, () -> credentials.forRegistry("r.example.com"));
    assertFalse(e.getMessage().contains("not-base64%%"), e.getMessage());
  }

  @Test
  void passwordsNeverShowInToString() throws IOException {
    DockerConfigCredentials credentials = config("{\"auths\": {\"r.example.com\": {\"username\": \"u\", \"password\": \"hunter2\"}}}");
    assertFalse(credentials.forRegistry("r.example.com").orElseThrow().toString().contains("hunter2"));
  }
}
