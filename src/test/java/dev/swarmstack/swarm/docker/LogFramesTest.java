package dev.swarmstack.swarm.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The byte sequences a 20.10 engine sends on {@code GET /tasks/{id}/logs}, with and without a TTY. */
class LogFramesTest {

  /** What the engine writes when it can't read a task's log: a frame of stream type 3, "system error". */
  private static final String GRABBING_ERROR =
      "Error grabbing logs: rpc error: code = Unknown desc = warning:"
          + " incomplete log stream. some logs could not be retrieved for the following reasons: node uq0hsp4bd is not"
          + " available\n";

  @Test
  void multiplexedFramesOfStdoutAndStderrBecomeLines() {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    frame(body, 1, "starting up\n");
    frame(body, 2, "config missing\nbye\n");
    assertEquals(
        List.of("starting up", "config missing", "bye"), LogFrames.lines(body.toByteArray()));
  }

  @Test
  void anEngineErrorFrameAloneIsTextMarkedAsTheEngines() {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    frame(body, 3, GRABBING_ERROR);
    assertEquals(
        List.of("(engine) " + GRABBING_ERROR.strip()), LogFrames.lines(body.toByteArray()));
  }

  @Test
  void anEngineErrorFrameAfterTheTasksOutputGetsALineOfItsOwn() {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    frame(body, 1, "half a line");
    frame(body, 3, GRABBING_ERROR);
    frame(body, 2, "last words\n");
    assertEquals(
        List.of("half a line", "(engine) " + GRABBING_ERROR.strip(), "last words"),
        LogFrames.lines(body.toByteArray()));
  }

  @Test
  void aPayloadLongerThan255BytesKeepsItsWholeLength() {
    String longLine = "x".repeat(70_000);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    frame(body, 1, longLine + "\n");
    frame(body, 1, "next\n");
    assertEquals(List.of(longLine, "next"), LogFrames.lines(body.toByteArray()));
  }

  @Test
  void aTtyLogIsTakenAsItIs() {
    assertEquals(List.of("plain", "text"), LogFrames.lines(bytes("plain\r\ntext\n")));
  }

  @Test
  void theEnginesMessageInATtyLogIsPlainText() {
    assertEquals(
        List.of("ready", GRABBING_ERROR.strip()),
        LogFrames.lines(bytes("ready\r\n" + GRABBING_ERROR)));
  }

  @Test
  void terminalColoursAndOverwrittenProgressAreNotPrinted() {
    List<String> lines = LogFrames.lines(
        bytes("\u001B[31mERROR\u001B[0m disk full\r\n10%\r50%\r100%\r\nbell\u0007\n"));
    assertEquals(List.of("ERROR disk full", "100%", "bell"), lines);
  }

  @Test
  void noControlByteSurvivesAnyFrame() {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    frame(body, 1, "a\u0000b\u001B[1mc\u0008d\te\n");
    List<String> lines = LogFrames.lines(body.toByteArray());
    assertEquals(List.of("abcd\te"), lines);
    assertTrue(
        lines.stream().allMatch(line -> line.chars().noneMatch(c -> c < 0x20 && c != '\t')),
        lines.toString());
  }

  @Test
  void anEmptyLogHasNoLines() {
    assertEquals(List.of(), LogFrames.lines(new byte[0]));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void frame(ByteArrayOutputStream body, int stream, String text) {
    byte[] payload = bytes(text);
    int n = payload.length;
    body.writeBytes(new byte[] {
      (byte) stream, 0, 0, 0, (byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n
    });
    body.writeBytes(payload);
  }
}
