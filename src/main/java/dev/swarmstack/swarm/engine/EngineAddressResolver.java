package dev.swarmstack.swarm.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swarmstack.swarm.problem.Setting;
import dev.swarmstack.swarm.problem.UserTerms;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Finds the engine the way the docker CLI does, so that the plugin talks to the engine {@code docker} talks to:
 * an explicit host, then {@code DOCKER_HOST}, then the current docker context ({@code DOCKER_CONTEXT}, or
 * {@code currentContext} in {@code config.json}), then the default socket. Pure: the environment and the home
 * folder are given, so tests need no engine and no real home.
 *
 * <p>Not docker-java's {@code DefaultDockerClientConfig}: it also reads {@code docker-java.properties} files and
 * system properties, which the CLI doesn't, refuses {@code ssh://}, and takes TLS for a context only by its own
 * rules. Nor its {@code DockerContextMetaFile}: it hashes the context name with Guava (a run-time dependency the
 * plugin doesn't otherwise need) and answers a missing context with an empty Optional, where this names the file
 * that is missing.
 */
public final class EngineAddressResolver {

  static final String DEFAULT_SOCKET = "unix:///var/run/docker.sock";
  private static final String DEFAULT_CONTEXT = "default";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> env;
  private final Path configDir;

  public EngineAddressResolver(Map<String, String> env, Path userHome) {
    this.env = Map.copyOf(env);
    this.configDir = dockerConfigDir(env, userHome);
  }

  /** The resolver for this process: its environment and {@code user.home}. */
  public static EngineAddressResolver forThisProcess() {
    return new EngineAddressResolver(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /** {@code $DOCKER_CONFIG}, or {@code ~/.docker}: where the CLI keeps config.json and contexts. */
  public static Path dockerConfigDir(Map<String, String> env, Path userHome) {
    String configured = env.get("DOCKER_CONFIG");
    return isSet(configured) ? Path.of(configured) : userHome.resolve(".docker");
  }

  public Path configDir() {
    return configDir;
  }

  /** @throws EngineException when the configured host or context can't be used */
  public EngineAddress resolve(EngineConnection connection) {
    return withExplicitTls(resolveWithoutExplicitTls(connection), connection);
  }

  /**
   * The addresses of {@link EngineConnection#managers()}, in order. Each is taken like an explicit host: TLS from
   * the connection's certPath, else from {@code DOCKER_TLS_VERIFY} / {@code DOCKER_CERT_PATH}.
   *
   * @throws EngineException when an address is malformed
   */
  public List<EngineAddress> resolveManagers(EngineConnection connection) {
    String source = "from "
        + (connection.hostSource() == null ? "the plugin configuration" : connection.hostSource());
    return connection.managers().stream()
        .map(host -> withExplicitTls(fromHostAndEnvTls(host, source), connection))
        .toList();
  }

  private static EngineAddress withExplicitTls(EngineAddress address, EngineConnection connection) {
    return connection.certPath() == null
        ? address
        : new EngineAddress(address.uri(), connection.certPath(), address.source());
  }

  private EngineAddress resolveWithoutExplicitTls(EngineConnection connection) {
    if (isSet(connection.host())) {
      String source = "from "
          + (connection.hostSource() == null
              ? "the plugin configuration"
              : connection.hostSource());
      return fromHostAndEnvTls(connection.host(), source);
    }
    if (isSet(env.get("DOCKER_HOST"))) {
      return fromHostAndEnvTls(env.get("DOCKER_HOST"), "from DOCKER_HOST");
    }
    String contextVariable = env.get("DOCKER_CONTEXT");
    if (isSet(contextVariable)) {
      return fromContext(contextVariable, "DOCKER_CONTEXT", connection.terms());
    }
    String currentContext = currentContextInConfig();
    if (isSet(currentContext)) {
      return fromContext(
          currentContext,
          "currentContext in " + configDir.resolve("config.json"),
          connection.terms());
    }
    return new EngineAddress(URI.create(DEFAULT_SOCKET), null, "default socket");
  }

  /** A host from the plugin or DOCKER_HOST takes its TLS settings from DOCKER_TLS_VERIFY / DOCKER_CERT_PATH, as the CLI does. */
  private EngineAddress fromHostAndEnvTls(String host, String source) {
    Path certPath = null;
    if (isSet(env.get("DOCKER_TLS_VERIFY"))) {
      String certVariable = env.get("DOCKER_CERT_PATH");
      certPath = isSet(certVariable) ? Path.of(certVariable) : configDir;
    }
    return new EngineAddress(parseHost(host, certPath != null, source), certPath, source);
  }

  private EngineAddress fromContext(String name, String chosenBy, UserTerms terms) {
    if (name.equals(DEFAULT_CONTEXT)) {
      return new EngineAddress(
          URI.create(DEFAULT_SOCKET),
          null,
          "default socket (docker context 'default' from " + chosenBy + ")");
    }
    String source = "from docker context '" + name + "' (" + chosenBy + ")";
    String digest = sha256Hex(name);
    Path meta = configDir.resolve("contexts/meta").resolve(digest).resolve("meta.json");
    if (!Files.isRegularFile(meta)) {
      throw new EngineException(
          "docker context '" + name + "' (" + chosenBy + ") does not exist: there is no " + meta
              + ". List the contexts with 'docker context ls', or set "
              + terms.name(Setting.DOCKER_HOST) + ".",
          0,
          null);
    }
    String host = readJson(meta).path("Endpoints").path("docker").path("Host").asText("");
    if (host.isEmpty()) {
      throw new EngineException(
          "docker context '" + name + "' has no docker endpoint host in " + meta, 0, null);
    }
    Path tls = configDir.resolve("contexts/tls").resolve(digest).resolve("docker");
    Path certPath = Files.isDirectory(tls) ? tls : null;
    return new EngineAddress(parseHost(host, certPath != null, source), certPath, source);
  }

  private String currentContextInConfig() {
    Path config = configDir.resolve("config.json");
    return Files.isRegularFile(config) ? readJson(config).path("currentContext").asText("") : "";
  }

  /**
   * Accepts what the CLI accepts: {@code unix://}, {@code tcp://}, {@code npipe://}, {@code ssh://[user@]host[:port]}
   * and a bare {@code host:port} (tcp).
   */
  static URI parseHost(String host, boolean tls, String source) {
    String withScheme = host.contains("://") ? host : "tcp://" + host;
    URI uri;
    try {
      uri = new URI(withScheme);
    } catch (URISyntaxException e) {
      throw new EngineException(
          "the engine address '" + host + "' (" + source + ") is not a valid address: "
              + e.getMessage(),
          0,
          e);
    }
    switch (uri.getScheme()) {
      case "unix", "npipe":
        return uri;
      case "tcp":
        if (uri.getHost() == null) {
          throw new EngineException(
              "the engine address '" + host + "' (" + source + ") has no host name", 0, null);
        }
        // the CLI's defaults: 2376 for TLS, 2375 for plain tcp
        return uri.getPort() >= 0
            ? uri
            : URI.create("tcp://" + uri.getHost() + ":" + (tls ? 2376 : 2375));
      case "ssh":
        if (uri.getHost() == null) {
          throw new EngineException(
              "the engine address '" + host + "' (" + source
                  + ") has no host name: use ssh://[user@]host[:port]",
              0,
              null);
        }
        // as the CLI: the remote engine is whichever its docker CLI uses, so a path would be
        // ignored
        if (uri.getRawPath() != null
            && !uri.getRawPath().isEmpty()
            && !uri.getRawPath().equals("/")) {
          throw new EngineException(
              "the engine address '" + host + "' (" + source
                  + ") has a path after the host, which ssh:// doesn't"
                  + " take: use ssh://[user@]host[:port]",
              0,
              null);
        }
        return uri;
      default:
        throw new EngineException(
            "the engine address '" + host + "' (" + source + ") has the unsupported scheme '"
                + uri.getScheme() + "'; use unix://, tcp://, ssh:// or npipe://",
            0,
            null);
    }
  }

  private static JsonNode readJson(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new EngineException("cannot read " + file + ": " + e.getMessage(), 0, e);
    }
  }

  /** The CLI names a context's folders after the SHA-256 of the context name. */
  static String sha256Hex(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static boolean isSet(String value) {
    return value != null && !value.isEmpty();
  }
}
