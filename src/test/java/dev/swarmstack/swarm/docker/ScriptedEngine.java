package dev.swarmstack.swarm.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * An HTTP responder on a unix socket that answers each request with what {@code answer} gives for its path: for the
 * moments of the Engine API that a real engine shows only by chance (a network the swarm has not allocated yet).
 * {@code /version} answers as Docker 20.10 does.
 */
final class ScriptedEngine implements AutoCloseable {

  private final ServerSocketChannel server;
  private final Function<String, String> answer;
  private final List<String> paths = Collections.synchronizedList(new ArrayList<>());

  ScriptedEngine(Path socket, Function<String, String> answer) throws IOException {
    this.answer = answer;
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    Thread acceptor = new Thread(this::accept, "scripted-engine");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** The paths requested so far, API version prefix removed. */
  List<String> paths() {
    return List.copyOf(paths);
  }

  private void accept() {
    while (server.isOpen()) {
      try {
        SocketChannel connection = server.accept();
        Thread serving = new Thread(() -> serve(connection), "scripted-engine-connection");
        serving.setDaemon(true);
        serving.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(SocketChannel connection) {
    try (connection;
        InputStream in = Channels.newInputStream(connection);
        OutputStream out = Channels.newOutputStream(connection)) {
      String head;
      while ((head = readHead(in)) != null) {
        String path = head.split(" ")[1].replaceFirst("^/v\\d+\\.\\d+", "");
        skipBody(in, head);
        paths.add(path);
        String body = path.startsWith("/version")
            ? "{\"ApiVersion\":\"1.41\",\"Version\":\"20.10.24\"}"
            : answer.apply(path);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + bytes.length + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
      }
    } catch (IOException closed) {
      // the client went away
    }
  }

  /** The request line and headers, or null at the end of the connection. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      String text = head.toString(StandardCharsets.US_ASCII);
      if (text.endsWith("\r\n\r\n")) {
        return text;
      }
    }
    return null;
  }

  private static void skipBody(InputStream in, String head) throws IOException {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        in.readNBytes(
            Integer.parseInt(line.substring("content-length:".length()).trim()));
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
