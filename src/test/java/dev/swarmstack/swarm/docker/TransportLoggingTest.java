package dev.swarmstack.swarm.docker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport's loggers are turned off under slf4j's SimpleLogger, the base of Maven's provider, also when they were
 * created at debug level before (src/it/debug-log-hygiene checks a real {@code mvn -X} deploy). Logger names of their
 * own, so that the order of tests in this JVM doesn't matter.
 */
class TransportLoggingTest {

  private final String prefix =
      "dev.swarmstack.test.wire" + UUID.randomUUID().toString().replace("-", "");

  @Test
  void aLoggerConfiguredForDebugIsOffWhenCreatedAfterwards() {
    System.setProperty("org.slf4j.simpleLogger.log." + prefix + ".later", "debug");

    TransportLogging.silence(List.of(prefix + ".later"));

    Logger later = LoggerFactory.getLogger(prefix + ".later");
    assertFalse(later.isDebugEnabled() || later.isErrorEnabled(), "level of " + later.getClass());
  }

  @Test
  void aLoggerCreatedBeforeAtDebugLevelIsTurnedOffInPlace() {
    System.setProperty("org.slf4j.simpleLogger.log." + prefix + ".early", "debug");
    Logger early = LoggerFactory.getLogger(prefix + ".early");
    assertTrue(early.isDebugEnabled(), "the test starts from a logger at debug level");

    TransportLogging.silence(List.of(prefix + ".early"));

    assertFalse(early.isDebugEnabled() || early.isErrorEnabled());
    assertFalse(LoggerFactory.getLogger(prefix + ".early").isDebugEnabled());
  }
}
