package dev.swarmstack.swarm.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swarmstack.swarm.engine.RegistryAuth;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class RegistryAuthHeaderTest {

  @Test
  void isUrlSafeBase64OfTheEnginesAuthConfig() throws Exception {
    // '?>' in the password makes standard base64 produce '/' or '+', which the engine's URL
    // decoding would break
    String header =
        RegistryAuthHeader.encode(new RegistryAuth("127.0.0.1:5000", "swarmtest", "p?>?>?>"));
    assertFalse(header.contains("+") || header.contains("/"), header);
    JsonNode config = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(header));
    assertEquals("swarmtest", config.path("username").asText());
    assertEquals("p?>?>?>", config.path("password").asText());
    assertEquals("127.0.0.1:5000", config.path("serveraddress").asText());
    assertEquals(3, config.size());
  }

  @Test
  void anIdentityTokenFromACredentialHelperTravelsAsIdentitytoken() throws Exception {
    String header = RegistryAuthHeader.encode(new RegistryAuth("docker.io", "<token>", "refresh"));
    JsonNode config = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(header));
    assertEquals("refresh", config.path("identitytoken").asText());
    assertEquals("docker.io", config.path("serveraddress").asText());
    assertEquals(2, config.size());
  }
}
