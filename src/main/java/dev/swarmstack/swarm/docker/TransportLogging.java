package dev.swarmstack.swarm.docker;

import dev.swarmstack.swarm.engine.EngineException;
import java.lang.reflect.Field;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.SubstituteLogger;

/**
 * Keeps the transport's wire and header logs off. docker-java's zerodep transport is a shaded Apache httpclient5
 * whose wire and header loggers print every request and answer at debug level: under {@code mvn -X} the build log
 * (often a CI log) would get {@code X-Registry-Auth} (the registry password in base64) and secret data.
 */
final class TransportLogging {

  private static final String TRANSPORT =
      "com.github.dockerjava.zerodep.shaded.org.apache.hc.client5.http";
  private static final List<String> SILENCED = List.of(TRANSPORT + ".wire", TRANSPORT + ".headers");

  /**
   * Where Maven's slf4j providers read a logger's level when the logger is created: Maven 3.8 and 3.9 (slf4j's
   * SimpleLogger), Maven 4.
   */
  private static final List<String> LEVEL_PROPERTIES =
      List.of("org.slf4j.simpleLogger.log.", "maven.logger.log.");

  private TransportLogging() {}

  /**
   * Turns both loggers off whatever Maven's log level. A logger created earlier in this JVM (by another plugin's
   * copy of the transport, or an earlier build in a daemon) keeps the level it was created with, so its level is
   * lowered in place.
   *
   * @throws EngineException when a logging backend keeps one of them at debug level: connecting would log secrets
   */
  static void silence() {
    silence(SILENCED);
  }

  /** {@link #silence()} for the loggers named; tests use names of their own. */
  static void silence(List<String> loggers) {
    for (String logger : loggers) {
      LEVEL_PROPERTIES.forEach(prefix -> System.setProperty(prefix + logger, "off"));
    }
    for (String name : loggers) {
      Logger logger = LoggerFactory.getLogger(name);
      if (logger instanceof SubstituteLogger) {
        // slf4j is still binding in another thread: this stand-in reports every level enabled, and
        // will delegate to
        // a logger created from now on, which reads the levels just set
        continue;
      }
      if (logger.isDebugEnabled()) {
        turnOff(logger);
      }
      if (logger.isDebugEnabled()) {
        throw new EngineException(
            "logger " + name + " is at debug level and could not be turned off; it would log"
                + " registry credentials and secret values sent to the engine. Set it to info in the logging"
                + " configuration, or run Maven without -X",
            0,
            null);
      }
    }
  }

  /** SimpleLogger and Maven's copies of it keep the level in {@code currentLogLevel}, with a {@code LOG_LEVEL_OFF}. */
  private static void turnOff(Logger logger) {
    for (Class<?> type = logger.getClass(); type != null; type = type.getSuperclass()) {
      try {
        Field level = type.getDeclaredField("currentLogLevel");
        Field off = type.getDeclaredField("LOG_LEVEL_OFF");
        level.setAccessible(true);
        off.setAccessible(true);
        level.setInt(logger, off.getInt(null));
        return;
      } catch (NoSuchFieldException notThisClass) {
        // the fields may sit in a superclass
      } catch (ReflectiveOperationException | RuntimeException notAccessible) {
        return;
      }
    }
  }
}
