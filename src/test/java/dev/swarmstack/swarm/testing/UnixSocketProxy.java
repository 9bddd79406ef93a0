package dev.swarmstack.swarm.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A unix socket that forwards every connection to the engine's socket, until {@link #close()} cuts them all and
 * removes the socket file, as a stopping dockerd does: a manager that can be lost at a chosen moment, without
 * touching the engine other tests share.
 */
public final class UnixSocketProxy implements AutoCloseable {

  private final Path socket;
  private final Path target;
  private final ServerSocketChannel server;
  private final List<SocketChannel> connections = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  public UnixSocketProxy(Path socket, Path target) {
    this.socket = socket;
    this.target = target;
    try {
      server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      server.bind(UnixDomainSocketAddress.of(socket));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + socket, e);
    }
    daemon(this::acceptUntilClosed, "proxy-accept");
  }

  /** {@code unix:///...}: the address to give the plugin. */
  public String address() {
    return "unix://" + socket;
  }

  private void acceptUntilClosed() {
    while (!closed) {
      try {
        SocketChannel client = server.accept();
        SocketChannel engine = SocketChannel.open(UnixDomainSocketAddress.of(target));
        connections.add(client);
        connections.add(engine);
        daemon(() -> pump(client, engine), "proxy-up");
        daemon(() -> pump(engine, client), "proxy-down");
      } catch (IOException closedOrFailed) {
        return;
      }
    }
  }

  private static void pump(SocketChannel from, SocketChannel to) {
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    try {
      while (from.read(buffer) >= 0) {
        buffer.flip();
        while (buffer.hasRemaining()) {
          to.write(buffer);
        }
        buffer.clear();
      }
      to.shutdownOutput();
    } catch (IOException cutOrClosed) {
      // the proxy was closed, or one side hung up
    }
  }

  private static void daemon(Runnable work, String name) {
    Thread thread = new Thread(work, name);
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
      for (SocketChannel connection : connections) {
        connection.close();
      }
      Files.deleteIfExists(socket);
    } catch (IOException e) {
      throw new UncheckedIOException("closing the proxy on " + socket, e);
    }
  }
}
