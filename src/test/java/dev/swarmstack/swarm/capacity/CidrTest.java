package dev.swarmstack.swarm.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class CidrTest {

  @Test
  void ipv4BlockHasItsSizeAndBounds() {
    Cidr block = Cidr.parse("10.20.0.0/22");

    assertTrue(block.isIpv4());
    assertEquals(BigInteger.valueOf(1024), block.size());
    assertTrue(block.contains(Cidr.address("10.20.3.255")));
    assertFalse(block.contains(Cidr.address("10.20.4.0")));
    assertEquals(Cidr.address("10.20.3.255"), block.last());
    assertEquals("10.20.0.0/22", block.toString());
  }

  @Test
  void hostBitsAreDroppedAsTheEngineDropsThem() {
    assertEquals("192.168.1.0/24", Cidr.parse("192.168.1.77/24").toString());
  }

  @Test
  void widerBlocksAreAligned() {
    assertEquals("10.20.0.0/22", Cidr.parse("10.20.1.0/24").withPrefix(22).toString());
    assertEquals("10.8.0.0/14", Cidr.parse("10.10.0.0/24").withPrefix(14).toString());
    assertEquals("128.0.0.0/1", Cidr.parse("200.0.0.0/8").withPrefix(1).toString());
  }

  @Test
  void ipv6Blocks() {
    Cidr block = Cidr.parse("fd00:1::/120");

    assertFalse(block.isIpv4());
    assertEquals(BigInteger.valueOf(256), block.size());
    assertEquals("fd00:1:0:0:0:0:0:0/120", block.toString());
    assertEquals(BigInteger.ONE.shiftLeft(64), Cidr.parse("fd00::/64").size());
  }

  @Test
  void malformedBlocksAreRefusedWithoutLookingAnythingUp() {
    assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0"));
    assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/33"));
    assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/x"));
    assertThrows(IllegalArgumentException.class, () -> Cidr.parse("localhost/24"));
    assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.300/24"));
  }
}
