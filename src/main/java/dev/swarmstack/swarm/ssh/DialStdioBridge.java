package dev.swarmstack.swarm.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.session.ClientSession;

/**
 * A unix socket in a folder only this user can enter, where each connection is carried by its own
 * {@code docker system dial-stdio} on the remote host, over the one ssh session: the CLI's ssh transport, with the
 * socket in front so that docker-java's HTTP client (which dials unix sockets, not streams) can use it unchanged.
 */
final class DialStdioBridge implements AutoCloseable {

  static final String DIAL_STDIO = "docker system dial-stdio";
  private static final int CHUNK = 32 * 1024;

  private final ClientSession session;
  private final Duration openTimeout;
  private final Path folder;
  private final Path socket;
  private final ServerSocketChannel server;
  private final ExecutorService pumps = Executors.newCachedThreadPool(task -> {
    Thread thread = new Thread(task, "swarm-ssh-bridge");
    thread.setDaemon(true); // must never keep Maven alive
    return thread;
  });

  DialStdioBridge(ClientSession session, Duration openTimeout) throws IOException {
    this.session = session;
    this.openTimeout = openTimeout;
    this.folder = Files.createTempDirectory(
        "swarm-ssh-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    this.socket = folder.resolve("docker.sock");
    this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    pumps.execute(this::acceptUntilClosed);
  }

  /** The address to give the HTTP client. */
  URI socketUri() {
    return URI.create("unix://" + socket);
  }

  private void acceptUntilClosed() {
    while (server.isOpen()) {
      try {
        SocketChannel local = server.accept();
        pumps.execute(() -> carry(local));
      } catch (IOException closed) {
        return;
      }
    }
  }

  /** One local connection, both ways, until either end closes. */
  private void carry(SocketChannel local) {
    try (local;
        ChannelExec remote = session.createExecChannel(DIAL_STDIO)) {
      remote.setErr(OutputStream.nullOutputStream());
      remote.open().verify(openTimeout);
      pumps.execute(() -> copy(remote.getInvertedOut(), local));
      copy(local, remote.getInvertedIn());
    } catch (IOException | RuntimeException broken) {
      // the HTTP client sees the closed connection and reports it with what it was doing
    }
  }

  /** Remote answers to the local client; its end closes the local connection's output. */
  private static void copy(InputStream from, SocketChannel to) {
    byte[] chunk = new byte[CHUNK];
    try (from) {
      for (int read = from.read(chunk); read >= 0; read = from.read(chunk)) {
        ByteBuffer buffer = ByteBuffer.wrap(chunk, 0, read);
        while (buffer.hasRemaining()) {
          to.write(buffer);
        }
      }
      to.shutdownOutput();
    } catch (IOException closed) {
      // the other direction ends the connection
    }
  }

  /** Local requests to the remote side; the local end's EOF closes the remote input, which ends dial-stdio. */
  private static void copy(SocketChannel from, OutputStream to) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
    try (to) {
      while (from.read(buffer) >= 0) {
        to.write(buffer.array(), 0, buffer.position());
        to.flush();
        buffer.clear();
      }
    }
  }

  @Override
  public void close() {
    try {
      server.close();
      pumps.shutdownNow();
      Files.deleteIfExists(socket);
      Files.deleteIfExists(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("removing the ssh bridge's socket " + socket, e);
    }
  }
}
