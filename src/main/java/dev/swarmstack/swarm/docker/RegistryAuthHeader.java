package dev.swarmstack.swarm.docker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.engine.RegistryAuth;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The {@code X-Registry-Auth} header: URL-safe base64 of the JSON auth config. Its value must never be logged. */
final class RegistryAuthHeader {

  static final String NAME = "X-Registry-Auth";

  private static final ObjectMapper JSON = new ObjectMapper();

  private RegistryAuthHeader() {}

  static String encode(RegistryAuth auth) {
    ObjectNode config = JSON.createObjectNode();
    if (auth.isIdentityToken()) {
      config.put("identitytoken", auth.password());
    } else {
      config.put("username", auth.username()).put("password", auth.password());
    }
    config.put("serveraddress", auth.serverAddress());
    return Base64.getUrlEncoder()
        .encodeToString(config.toString().getBytes(StandardCharsets.UTF_8));
  }
}
