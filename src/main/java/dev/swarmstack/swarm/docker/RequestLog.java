package dev.swarmstack.swarm.docker;

import dev.swarmstack.swarm.engine.EngineAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One debug line per engine request ({@code mvn -X}): method, path, status, duration, and which engine over which
 * transport. Only what is safe in a CI log: never a header ({@code X-Registry-Auth}) nor a body (secret and config
 * data, service specs with environment values); paths carry ids, names and filters only.
 */
final class RequestLog {

  private static final Logger LOG = LoggerFactory.getLogger(RequestLog.class);

  private final String engine;

  RequestLog(EngineAddress address) {
    this.engine = address.uri() + " via " + transport(address);
  }

  private static String transport(EngineAddress address) {
    if (address.usesSsh()) {
      return "ssh (docker system dial-stdio)";
    }
    return switch (address.uri().getScheme()) {
      case "tcp" -> address.usesTls() ? "tcp with TLS" : "tcp without TLS";
      default -> address.uri().getScheme() + " socket";
    };
  }

  void answered(String method, String path, int status, long startNanos) {
    if (LOG.isDebugEnabled()) {
      LOG.debug(
          "engine {} {} -> {} in {} ms ({})",
          method,
          path,
          status,
          millisSince(startNanos),
          engine);
    }
  }

  void unanswered(String method, String path, String reason, long startNanos) {
    if (LOG.isDebugEnabled()) {
      LOG.debug(
          "engine {} {} -> no answer after {} ms: {} ({})",
          method,
          path,
          millisSince(startNanos),
          reason,
          engine);
    }
  }

  private static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }
}
