package dev.swarmstack.swarm.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogFramesTest {

  @Test
  void multiplexedFramesOfStdoutAndStderrBecomeLines() {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    frame(body, 1, "starting up\n");
    frame(body, 2, "config missing\nbye\n");
    assertEquals(List.of("starting up", "config missing", "bye"), LogFrames.lines(body.toByteArray()));
  }

  @Test
  void aTtyLogIsTakenAsItIs() {
    assertEquals(List.of("plain", "text"), LogFrames.lines("plain\r\ntext\n".getBytes(StandardCharsets.UTF_8)));
  }

  private static void frame(ByteArrayOutputStream body, int stream, String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    body.writeBytes(new byte[] {(byte) stream, 0, 0, 0, 0, 0, 0, (byte) payload.length});
    body.writeBytes(payload);
  }
}
