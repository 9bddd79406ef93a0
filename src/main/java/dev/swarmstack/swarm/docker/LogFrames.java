package dev.swarmstack.swarm.docker;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A task's log as the engine streams it, turned into printable lines. Without a TTY the stream is multiplexed:
 * frames of an 8-byte header (stream type, three zero bytes, a big-endian payload length) and the payload. Type 1
 * is stdout, 2 stderr, and 3 the engine's own message ({@code Error grabbing logs: ...}, written when it can't read
 * the log), which may be the only frame. A task with a TTY gets no frames: the body is the raw text, the engine's
 * messages included. Either way the lines that come out hold no control bytes (terminal colours, a carriage
 * return's overwritten text, a stray header).
 *
 * <p>Not docker-java's {@code FrameReader}: it knows stream types 0 to 2 only and reads the rest of the body as raw
 * text from a type 3 frame on (so the engine's message would pass for the task's output), fails on a last frame cut
 * short by {@code tail}, and decides raw versus framed from the first header alone.
 */
final class LogFrames {

  private static final int HEADER = 8;
  private static final int SYSTEM_ERROR = 3;
  /** Marks the engine's own messages, which are not the task's output. */
  static final String ENGINE_PREFIX = "(engine) ";

  /** ANSI escape sequences (colours, cursor moves), removed whole rather than leaving their printable tail. */
  private static final Pattern ANSI_ESCAPE =
      Pattern.compile("\u001B\\[[0-?]*[ -/]*[@-~]|\u001B[@-_]");

  private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\t]]");

  private LogFrames() {}

  static List<String> lines(byte[] body) {
    List<String> lines = new ArrayList<>();
    if (!isMultiplexed(body)) {
      addLines(text(body, 0, body.length), "", lines);
      return lines;
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    for (int at = 0; at < body.length; at += HEADER + payloadLength(body, at)) {
      int length = payloadLength(body, at);
      if (body[at] == SYSTEM_ERROR) {
        addLines(output.toString(StandardCharsets.UTF_8), "", lines);
        output.reset();
        addLines(text(body, at + HEADER, length), ENGINE_PREFIX, lines);
      } else {
        output.write(body, at + HEADER, length);
      }
    }
    addLines(output.toString(StandardCharsets.UTF_8), "", lines);
    return lines;
  }

  /**
   * Whether the body is a sequence of frames: every header well-formed and every payload within the body (the last
   * may be cut short). Raw TTY text practically never passes: its first byte would have to be 0 to 3 and the next
   * three zero.
   */
  private static boolean isMultiplexed(byte[] body) {
    if (body.length < HEADER) {
      return false;
    }
    for (int at = 0; at < body.length; at += HEADER + payloadLength(body, at)) {
      if (body.length - at < HEADER
          || body[at] < 0
          || body[at] > SYSTEM_ERROR
          || body[at + 1] != 0
          || body[at + 2] != 0
          || body[at + 3] != 0) {
        return false;
      }
    }
    return true;
  }

  /** The header's length, capped at what the body still holds. */
  private static int payloadLength(byte[] body, int at) {
    if (body.length - at < HEADER) {
      return body.length - at;
    }
    long size = ((body[at + 4] & 0xffL) << 24)
        | ((body[at + 5] & 0xff) << 16)
        | ((body[at + 6] & 0xff) << 8)
        | (body[at + 7] & 0xff);
    return (int) Math.min(size, body.length - at - HEADER);
  }

  private static String text(byte[] body, int offset, int length) {
    return new String(body, offset, length, StandardCharsets.UTF_8);
  }

  /** Splits on line ends; a bare carriage return overwrote what came before it on a terminal, so only the rest shows. */
  private static void addLines(String text, String prefix, List<String> lines) {
    if (text.isEmpty()) {
      return;
    }
    String[] split = text.split("\r?\n", -1);
    int count = split[split.length - 1].isEmpty() ? split.length - 1 : split.length;
    for (int i = 0; i < count; i++) {
      String line = split[i].substring(split[i].lastIndexOf('\r') + 1);
      lines.add(
          prefix + CONTROL.matcher(ANSI_ESCAPE.matcher(line).replaceAll("")).replaceAll(""));
    }
  }
}
