package dev.swarmstack.swarm.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.swarmstack.swarm.problem.UserTerms;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Registry credentials as the docker CLI finds them in {@code config.json}: the registry's helper in
 * {@code credHelpers}, else the {@code credsStore} helper ({@link CredentialHelper}); when the helper holds none, or
 * there is no helper, what {@code docker login} stored under {@code auths}.
 *
 * <p>Not docker-java's {@code DockerConfigFile}: it reads {@code auths} only, without {@code credsStore} and
 * {@code credHelpers} (docker-java#1048), and needs commons-io and commons-lang at run time.
 */
public final class DockerConfigCredentials {

  /** The key {@code docker login} uses for the Docker Hub. */
  static final String DOCKER_HUB_KEY = "https://index.docker.io/v1/";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode config;
  private final Path file;
  /** Where credential helpers are looked for. */
  private final String path;
  /** How a missing helper's hint names the front end's own way to give credentials. */
  private final UserTerms terms;

  DockerConfigCredentials(JsonNode config, Path file, String path, UserTerms terms) {
    this.config = config;
    this.file = file;
    this.path = path;
    this.terms = terms;
  }

  /** The credentials the docker CLI of this process would use ({@code $DOCKER_CONFIG} or {@code ~/.docker}). */
  public static DockerConfigCredentials forThisProcess() {
    return read(EngineAddressResolver.dockerConfigDir(
        System.getenv(), Path.of(System.getProperty("user.home"))));
  }

  /** Reads {@code <configDir>/config.json}, with the helpers on this process's {@code PATH}. */
  public static DockerConfigCredentials read(Path configDir) {
    return read(configDir, UserTerms.NEUTRAL);
  }

  /** As {@link #read(Path)}, with hints worded in {@code terms}. */
  public static DockerConfigCredentials read(Path configDir, UserTerms terms) {
    return read(configDir, System.getenv("PATH"), terms);
  }

  /** Reads {@code <configDir>/config.json}; a missing file holds no credentials. Helpers are looked for on {@code path}. */
  public static DockerConfigCredentials read(Path configDir, String path) {
    return read(configDir, path, UserTerms.NEUTRAL);
  }

  private static DockerConfigCredentials read(Path configDir, String path, UserTerms terms) {
    Path file = configDir.resolve("config.json");
    if (!Files.isRegularFile(file)) {
      return new DockerConfigCredentials(MissingNode.getInstance(), file, path, terms);
    }
    try {
      return new DockerConfigCredentials(JSON.readTree(file.toFile()), file, path, terms);
    } catch (IOException e) {
      throw new EngineException(
          "cannot read the docker credentials in " + file + ": " + e.getMessage(), 0, e);
    }
  }

  /**
   * @param registryHost as {@link RegistryHosts#of} returns it
   * @throws EngineException when config.json names a helper that is missing or fails
   */
  public Optional<RegistryAuth> forRegistry(String registryHost) {
    Optional<RegistryAuth> fromHelper = helperFor(registryHost)
        .flatMap(helper -> helper.get(helperServerUrl(registryHost), registryHost));
    return fromHelper.isPresent() ? fromHelper : fromAuths(registryHost);
  }

  private Optional<RegistryAuth> fromAuths(String registryHost) {
    Map.Entry<String, JsonNode> match = null;
    for (Map.Entry<String, JsonNode> entry : config.path("auths").properties()) {
      // several keys can name one host (host, https://host, https://host/v2/): the CLI's own form
      // wins
      boolean canonical =
          entry.getKey().equals(registryHost) || entry.getKey().equals(DOCKER_HUB_KEY);
      if (hostOfKey(entry.getKey()).equals(registryHost) && (match == null || canonical)) {
        match = entry;
      }
    }
    return match == null ? Optional.empty() : decode(match.getKey(), match.getValue());
  }

  /** The credential helper that would hold the credentials for {@code registryHost}, if config.json names one. */
  public Optional<String> credentialHelperFor(String registryHost) {
    return helperFor(registryHost).map(CredentialHelper::program);
  }

  private Optional<CredentialHelper> helperFor(String registryHost) {
    String perRegistry =
        config.path("credHelpers").path(helperServerUrl(registryHost)).asText("");
    if (!perRegistry.isEmpty()) {
      return Optional.of(new CredentialHelper(perRegistry, path, "credHelpers in " + file, terms));
    }
    String store = config.path("credsStore").asText("");
    return store.isEmpty()
        ? Optional.empty()
        : Optional.of(new CredentialHelper(store, path, "credsStore in " + file, terms));
  }

  /** The CLI keys the Docker Hub by its old index address, in credHelpers and towards the helper; others by host. */
  private static String helperServerUrl(String registryHost) {
    return registryHost.equals(RegistryHosts.DOCKER_HUB) ? DOCKER_HUB_KEY : registryHost;
  }

  private Optional<RegistryAuth> decode(String key, JsonNode entry) {
    String encoded = entry.path("auth").asText("");
    if (!encoded.isEmpty()) {
      String userAndPassword;
      try {
        userAndPassword =
            new String(Base64.getDecoder().decode(encoded.trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        // never echo the value: it is a password
        throw new EngineException(
            "the 'auth' entry for " + key + " in " + file + " is not valid base64", 0, null);
      }
      int colon = userAndPassword.indexOf(':');
      if (colon < 0) {
        throw new EngineException(
            "the 'auth' entry for " + key + " in " + file + " is not 'user:password'", 0, null);
      }
      return Optional.of(new RegistryAuth(
          key, userAndPassword.substring(0, colon), userAndPassword.substring(colon + 1)));
    }
    String username = entry.path("username").asText("");
    if (username.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new RegistryAuth(key, username, entry.path("password").asText("")));
  }

  /** {@code https://index.docker.io/v1/} -> {@code docker.io}; {@code http://host:5000/v2/} -> {@code host:5000}. */
  static String hostOfKey(String key) {
    String host = key.replaceFirst("^[a-zA-Z]+://", "");
    int slash = host.indexOf('/');
    if (slash >= 0) {
      host = host.substring(0, slash);
    }
    return switch (host) {
      case "index.docker.io", "registry-1.docker.io" -> RegistryHosts.DOCKER_HUB;
      default -> host;
    };
  }
}
