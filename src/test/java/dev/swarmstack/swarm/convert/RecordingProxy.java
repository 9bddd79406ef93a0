package dev.swarmstack.swarm.convert;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A unix socket in front of the engine's that records every request passing through: lets a test see the
 * exact bodies the docker CLI sends, before the engine drops the fields it does not know.
 */
final class RecordingProxy implements AutoCloseable {

  record Request(String method, String path, String body) {}

  private static final Path ENGINE = Path.of("/var/run/docker.sock");

  private final Path socket;
  private final ServerSocketChannel server;
  private final List<ByteArrayOutputStream> connections = new ArrayList<>();
  private final Thread acceptor;

  RecordingProxy(Path dir) throws IOException {
    socket = dir.resolve("recording.sock");
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    acceptor = new Thread(this::acceptLoop, "recording-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** For {@code docker -H}. */
  String host() {
    return "unix://" + socket;
  }

  private void acceptLoop() {
    try {
      while (true) {
        SocketChannel client = server.accept();
        SocketChannel engine = SocketChannel.open(UnixDomainSocketAddress.of(ENGINE));
        ByteArrayOutputStream recorded = new ByteArrayOutputStream();
        synchronized (connections) {
          connections.add(recorded);
        }
        pump(client, engine, recorded);
        pump(engine, client, null);
      }
    } catch (IOException closed) {
      // the server socket was closed: the test is over
    }
  }

  private static void pump(SocketChannel from, SocketChannel to, ByteArrayOutputStream recorded) {
    Thread thread = new Thread(
        () -> {
          ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
          try (from;
              to) {
            while (from.read(buffer) >= 0) {
              buffer.flip();
              if (recorded != null) {
                synchronized (recorded) {
                  recorded.write(buffer.array(), 0, buffer.limit());
                }
              }
              while (buffer.hasRemaining()) {
                to.write(buffer);
              }
              buffer.clear();
            }
          } catch (IOException closed) {
            // either side hung up
          }
        },
        "recording-proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  /** Every request recorded so far, in order per connection; the API version prefix is removed from paths. */
  List<Request> requests() {
    List<Request> requests = new ArrayList<>();
    synchronized (connections) {
      for (ByteArrayOutputStream connection : connections) {
        byte[] bytes;
        synchronized (connection) {
          bytes = connection.toByteArray();
        }
        parse(bytes, requests);
      }
    }
    return requests;
  }

  private static void parse(byte[] bytes, List<Request> requests) {
    String text = new String(
        bytes, StandardCharsets.ISO_8859_1); // one char per byte: indexes stay byte offsets
    int at = 0;
    while (at < text.length()) {
      int headersEnd = text.indexOf("\r\n\r\n", at);
      if (headersEnd < 0) {
        return;
      }
      String[] lines = text.substring(at, headersEnd).split("\r\n");
      String[] requestLine = lines[0].split(" ");
      int bodyStart = headersEnd + 4;
      int length = 0;
      boolean chunked = false;
      for (String line : lines) {
        String lower = line.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-length:")) {
          length = Integer.parseInt(line.substring(line.indexOf(':') + 1).strip());
        } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
          chunked = true;
        }
      }
      StringBuilder body = new StringBuilder();
      if (chunked) {
        int position = bodyStart;
        while (true) {
          int lineEnd = text.indexOf("\r\n", position);
          int size =
              Integer.parseInt(text.substring(position, lineEnd).split(";")[0].strip(), 16);
          position = lineEnd + 2;
          if (size == 0) {
            at = text.indexOf("\r\n", position) + 2;
            break;
          }
          body.append(text, position, position + size);
          position += size + 2;
        }
      } else {
        body.append(text, bodyStart, bodyStart + length);
        at = bodyStart + length;
      }
      String path = requestLine[1].replaceFirst("^/v[0-9.]+/", "/").replaceFirst("\\?.*$", "");
      requests.add(new Request(
          requestLine[0],
          path,
          new String(
              body.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8)));
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    Files.deleteIfExists(socket);
  }
}
