package dev.swarmstack.swarm.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ApiVersionTest {

  @Test
  void ordersNumericallyNotAsText() {
    assertTrue(ApiVersion.parse("1.9").compareTo(ApiVersion.parse("1.41")) < 0);
    assertTrue(ApiVersion.parse("1.47").compareTo(ApiVersion.parse("1.41")) > 0);
    assertEquals("1.41", ApiVersion.parse("1.41").toString());
  }
}
