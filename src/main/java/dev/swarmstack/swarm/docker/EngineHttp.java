package dev.swarmstack.swarm.docker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.core.LocalDirectorySSLConfig;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient.Request;
import com.github.dockerjava.transport.DockerHttpClient.Response;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.swarmstack.swarm.engine.EngineAddress;
import dev.swarmstack.swarm.engine.EngineException;
import dev.swarmstack.swarm.engine.EngineUnreachableException;
import dev.swarmstack.swarm.engine.SshOptions;
import dev.swarmstack.swarm.problem.UserTerms;
import dev.swarmstack.swarm.ssh.SshEngineTunnel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;

/**
 * Raw Engine API calls over docker-java's transport: our own JSON in and out (so that no field is lost to
 * docker-java's model), a version-pinned path, a timeout on every call (docker-java's own timeouts don't apply
 * to unix sockets), and errors that say what was being done and what the engine answered.
 */
final class EngineHttp implements AutoCloseable {

  /** The oldest API the plugin speaks (Docker 20.10) and the newest it knows; the engine's version is capped to it. */
  static final ApiVersion MIN_API = ApiVersion.parse("1.41");

  static final ApiVersion MAX_API = ApiVersion.parse("1.47");

  static final ObjectMapper JSON = new ObjectMapper();

  private static final List<String> TLS_FILES = List.of("ca.pem", "cert.pem", "key.pem");

  /** A status and body; the body is empty for answers without one. */
  record Reply(int status, byte[] body) {

    boolean isSuccess() {
      return status >= 200 && status < 300;
    }

    JsonNode json() {
      try {
        return body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("the engine's answer is not JSON", e);
      }
    }

    /** The engine's {@code {"message": ...}}, or the raw body when it isn't one. */
    String engineMessage() {
      String text = new String(body, java.nio.charset.StandardCharsets.UTF_8).trim();
      try {
        JsonNode message = JSON.readTree(text).path("message");
        if (message.isTextual()) {
          return message.asText();
        }
      } catch (JsonProcessingException notJson) {
        // fall through: proxies and old engines answer with plain text
      }
      return text.isEmpty() ? "HTTP status " + status : text;
    }
  }

  private final DockerHttpClient client;
  /** The ssh session an {@code ssh://} engine is reached through, or null. */
  private final SshEngineTunnel tunnel;

  private final EngineAddress address;
  private final Duration timeout;
  private final ExecutorService calls;
  private final RequestLog requestLog;
  private final ApiVersion apiVersion;

  /**
   * @param ssh how to reach an {@code ssh://} address
   * @param terms how ssh hints name the settings to change
   * @param connectTimeout how long opening a tcp or ssh connection may take (a unix socket connects or fails at once)
   */
  EngineHttp(
      EngineAddress address,
      SshOptions ssh,
      UserTerms terms,
      Duration connectTimeout,
      Duration timeout) {
    this.address = address;
    this.timeout = timeout;
    // before the transport's classes create their loggers: its wire log would show credentials and
    // secret data
    TransportLogging.silence();
    this.tunnel = address.usesSsh()
        ? SshEngineTunnel.open(address.uri(), ssh, terms, connectTimeout, timeout)
        : null;
    this.requestLog = new RequestLog(address);
    ZerodepDockerHttpClient.Builder builder = new ZerodepDockerHttpClient.Builder()
        .dockerHost(tunnel == null ? address.uri() : tunnel.socketUri())
        .connectionTimeout(connectTimeout)
        .responseTimeout(timeout);
    if (address.usesTls()) {
      requireCertificates(address);
      builder.sslConfig(new LocalDirectorySSLConfig(address.tlsCertPath().toString()));
    } else if (!address.uri().getScheme().equals("tcp")) {
      // else the transport builds the JVM's default context, parsing every CA certificate, for a
      // socket that never uses it (over tcp, a context of ours would make it speak https)
      builder.sslConfig(() -> SSLContext.getInstance("TLS"));
    }
    this.client = builder.build();
    this.calls = Executors.newCachedThreadPool(task -> {
      Thread thread = new Thread(task, "swarm-engine-call");
      thread.setDaemon(true); // a call stuck past its timeout must not keep Maven alive
      return thread;
    });
    ApiVersion negotiated;
    try {
      negotiated = negotiate();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    this.apiVersion = negotiated;
  }

  /**
   * docker-java's TLS config quietly falls back to plain HTTP when a file is missing; a missing file is an error
   * instead, naming what is missing.
   */
  private static void requireCertificates(EngineAddress address) {
    List<String> missing = TLS_FILES.stream()
        .filter(file -> !Files.isRegularFile(address.tlsCertPath().resolve(file)))
        .toList();
    if (!missing.isEmpty()) {
      throw new EngineException(
          "the TLS certificate folder " + address.tlsCertPath() + " of the engine at "
              + address.uri()
              + " (" + address.source() + ") has no " + String.join(", ", missing)
              + ": it needs ca.pem, cert.pem and key.pem,"
              + " as the docker CLI's DOCKER_CERT_PATH",
          0,
          null);
    }
  }

  ApiVersion apiVersion() {
    return apiVersion;
  }

  EngineAddress address() {
    return address;
  }

  private ApiVersion negotiate() {
    Reply reply = send("GET", "/version", null, Map.of(), "asking the engine for its version");
    JsonNode version = checked(reply, "asking the engine for its version").json();
    ApiVersion engine = ApiVersion.parse(version.path("ApiVersion").asText("0.0"));
    if (engine.compareTo(MIN_API) < 0) {
      throw new EngineException(
          "the engine at " + address.describe() + " is Docker "
              + version.path("Version").asText("?") + " with Engine API " + engine
              + "; the plugin needs Engine API " + MIN_API + " (Docker 20.10) or newer",
          0,
          null);
    }
    return engine.compareTo(MAX_API) > 0 ? MAX_API : engine;
  }

  JsonNode get(String path, String doing) {
    return checked(call("GET", path, null, Map.of(), doing), doing).json();
  }

  /** A GET whose 404 means "there is no such object". */
  Optional<JsonNode> getIfExists(String path, String doing) {
    Reply reply = call("GET", path, null, Map.of(), doing);
    return reply.status() == 404
        ? Optional.empty()
        : Optional.of(checked(reply, doing).json());
  }

  JsonNode post(String path, JsonNode body, Map<String, String> headers, String doing) {
    return checked(call("POST", path, body, headers, doing), doing).json();
  }

  void delete(String path, String doing) {
    checked(call("DELETE", path, null, Map.of(), doing), doing);
  }

  /** A version-pinned call whose failure status the caller handles itself. */
  Reply call(String method, String path, JsonNode body, Map<String, String> headers, String doing) {
    return send(method, "/v" + apiVersion + path, body, headers, doing);
  }

  /**
   * A version-pinned GET whose body the caller reads as it arrives (event streams) and closes: no call timeout,
   * since a stream is meant to stay open.
   */
  Response openStream(String path) {
    String versioned = "/v" + apiVersion + path;
    long start = System.nanoTime();
    Response response =
        client.execute(Request.builder().method("GET").path(versioned).build());
    requestLog.answered("GET", versioned + " (stream)", response.getStatusCode(), start);
    return response;
  }

  private Reply checked(Reply reply, String doing) {
    if (!reply.isSuccess()) {
      throw new EngineException(doing + ": " + reply.engineMessage(), reply.status(), null);
    }
    return reply;
  }

  private Reply send(
      String method, String path, JsonNode body, Map<String, String> headers, String doing) {
    try {
      return sendOnce(method, path, body, headers, doing);
    } catch (StaleConnectionException e) {
      // a kept-alive connection to an engine that restarted since: the retry opens a new one. Only
      // reads: a write may have reached the engine before the connection broke
      if (!method.equals("GET")) {
        throw e.failure;
      }
      try {
        return sendOnce(method, path, body, headers, doing);
      } catch (StaleConnectionException again) {
        throw again.failure;
      }
    }
  }

  /** A pooled connection that broke before the answer came: {@code failure} is what to report. */
  private static final class StaleConnectionException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient EngineException failure;

    StaleConnectionException(EngineException failure) {
      super(failure.getMessage(), null, false, false);
      this.failure = failure;
    }
  }

  private Reply sendOnce(
      String method, String path, JsonNode body, Map<String, String> headers, String doing) {
    Request.Builder request = Request.builder().method(method).path(path).headers(headers);
    if (body != null) {
      request.putHeader("Content-Type", "application/json").bodyBytes(toBytes(body));
    }
    Request built = request.build();
    long start = System.nanoTime();
    Future<Reply> answer = calls.submit(() -> execute(built));
    try {
      Reply reply = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      requestLog.answered(method, path, reply.status(), start);
      return reply;
    } catch (TimeoutException e) {
      requestLog.unanswered(method, path, "no answer within " + timeout.toSeconds() + " s", start);
      answer.cancel(true);
      throw new EngineUnreachableException(
          doing + ": the engine at " + address.describe() + " did not answer within "
              + timeout.toSeconds() + " s",
          "no answer within " + timeout.toSeconds() + " s",
          e);
    } catch (ExecutionException e) {
      Throwable root = root(e.getCause());
      String reason = reason(root);
      requestLog.unanswered(method, path, reason, start);
      Optional<String> tlsRefusal = TlsFailures.explain(address, e.getCause());
      EngineException failure = tlsRefusal.isPresent()
          ? new EngineException(
              doing + ": the engine at " + address.describe() + " " + tlsRefusal.get(), 0, null)
          : new EngineUnreachableException(
              doing + ": cannot reach the Docker engine at " + address.describe() + ": " + reason,
              reason,
              null);
      // kept for -e, but not as the cause: Maven prints each cause's message that the one above
      // doesn't contain, and
      // the transport's repeat the address, its wrapper's with a shaded class name
      failure.addSuppressed(root);
      throw isBrokenConnection(root) ? new StaleConnectionException(failure) : failure;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      answer.cancel(true);
      throw new EngineException(doing + ": interrupted", 0, e);
    }
  }

  private Reply execute(Request request) throws IOException {
    try (Response response = client.execute(request)) {
      InputStream body = response.getBody();
      return new Reply(response.getStatusCode(), body == null ? new byte[0] : body.readAllBytes());
    }
  }

  private static byte[] toBytes(JsonNode body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  /** The peer closed a connection that was open before: it was kept alive across an engine restart. */
  private static boolean isBrokenConnection(Throwable root) {
    String message = String.valueOf(root.getMessage());
    return root instanceof IOException
        && (message.contains("Broken pipe")
            || message.contains("Connection reset")
            || root.getClass().getSimpleName().equals("NoHttpResponseException"));
  }

  private static Throwable root(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  /**
   * {@code connection refused}: a refused connection's message repeats the address the caller names already
   * ({@code Connect to http://127.0.0.1:1 failed: Connection refused}).
   */
  private static String reason(Throwable root) {
    String message = root.getMessage();
    if (message == null) {
      return root.getClass().getSimpleName();
    }
    if (root instanceof ConnectException) {
      String why = message.substring(message.lastIndexOf(": ") + 1).trim();
      return why.isEmpty() ? message : Character.toLowerCase(why.charAt(0)) + why.substring(1);
    }
    return message;
  }

  @Override
  public void close() {
    calls.shutdownNow();
    try {
      client.close();
    } catch (IOException e) {
      throw new UncheckedIOException("closing the connection to the engine", e);
    } finally {
      if (tunnel != null) {
        tunnel.close();
      }
    }
  }
}
