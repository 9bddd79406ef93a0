package dev.swarmstack.swarm.docker;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The engine's multiplexed log stream: frames of an 8-byte header (stream type 0/1/2, three zero bytes, a
 * big-endian length) and the payload. A task with a TTY sends raw text instead, which is taken as it is.
 */
final class LogFrames {

  private static final int HEADER = 8;

  private LogFrames() {}

  static List<String> lines(byte[] body) {
    String text = isMultiplexed(body) ? new String(payloads(body), StandardCharsets.UTF_8)
        : new String(body, StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\r?\n", -1)));
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }

  private static boolean isMultiplexed(byte[] body) {
    return body.length >= HEADER && body[0] <= 2 && body[0] >= 0 && body[1] == 0 && body[2] == 0 && body[3] == 0;
  }

  private static byte[] payloads(byte[] body) {
    byte[] out = new byte[body.length];
    int written = 0;
    int at = 0;
    while (at + HEADER <= body.length) {
      int size = ((body[at + 4] & 0xff) << 24) | ((body[at + 5] & 0xff) << 16) | ((body[at + 6] & 0xff) << 8)
          | (body[at + 7] & 0xff);
      int length = Math.min(size, body.length - at - HEADER);
      System.arraycopy(body, at + HEADER, out, written, length);
      written += length;
      at += HEADER + length;
    }
    return Arrays.copyOf(out, written);
  }
}
