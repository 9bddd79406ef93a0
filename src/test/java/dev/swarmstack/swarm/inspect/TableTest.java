package dev.swarmstack.swarm.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {

  /** Go's tabwriter as the CLI sets it up: every column but the last max(10, longest cell + 3) wide. */
  @Test
  void columnWidthIsTheLongestCellPlusThree() {
    assertEquals(
        List.of("NAME         SERVICES", "shop         2", "backoffice   10"),
        Table.render(
            List.of("NAME", "SERVICES"),
            List.of(List.of("shop", "2"), List.of("backoffice", "10"))));
  }

  @Test
  void humanDurationsReadLikeTheCli() {
    assertEquals("Less than a second", HumanDuration.of(Duration.ofMillis(300)));
    assertEquals("5 seconds", HumanDuration.of(Duration.ofSeconds(5)));
    assertEquals("About a minute", HumanDuration.of(Duration.ofSeconds(90)));
    assertEquals("12 minutes", HumanDuration.of(Duration.ofMinutes(12)));
    assertEquals("About an hour", HumanDuration.of(Duration.ofMinutes(70)));
    assertEquals("3 days", HumanDuration.of(Duration.ofDays(3)));
  }
}
