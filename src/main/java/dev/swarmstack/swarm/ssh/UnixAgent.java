package dev.swarmstack.swarm.ssh;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import org.apache.sshd.agent.SshAgent;
import org.apache.sshd.agent.SshAgentFactory;
import org.apache.sshd.agent.SshAgentServer;
import org.apache.sshd.agent.common.AbstractAgentProxy;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * The keys of a running ssh-agent ({@code SSH_AUTH_SOCK}) for public key authentication. MINA's own agent client
 * needs the native Tomcat APR library; Java's unix domain sockets do the same without it. Each request opens its
 * own connection to the agent, as few are made (one per key offered).
 */
final class UnixAgent implements SshAgentFactory {

  private final Path socket;

  UnixAgent(Path socket) {
    this.socket = socket;
  }

  @Override
  public SshAgent createClient(Session session, FactoryManager manager) {
    return new AbstractAgentProxy(null) {
      @Override
      protected Buffer request(Buffer message) throws IOException {
        return exchange(message);
      }

      @Override
      public boolean isOpen() {
        return true; // each request connects anew
      }
    };
  }

  /** Sends a framed request (a 4-byte length, then the message) and returns the answer's message, unframed. */
  private Buffer exchange(Buffer message) throws IOException {
    try (SocketChannel agent = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      agent.connect(UnixDomainSocketAddress.of(socket));
      agent.write(ByteBuffer.wrap(message.array(), message.rpos(), message.available()));
      ByteBuffer length = readFully(agent, ByteBuffer.allocate(4));
      return new ByteArrayBuffer(
          readFully(agent, ByteBuffer.allocate(length.getInt(0))).array());
    }
  }

  private static ByteBuffer readFully(SocketChannel channel, ByteBuffer into) throws IOException {
    while (into.hasRemaining()) {
      if (channel.read(into) < 0) {
        throw new EOFException("the ssh-agent closed the connection");
      }
    }
    return into;
  }

  @Override
  public List<ChannelFactory> getChannelForwardingFactories(FactoryManager manager) {
    return List.of(); // no agent forwarding: the remote side needs no keys
  }

  @Override
  public SshAgentServer createServer(ConnectionService service) {
    throw new UnsupportedOperationException("agent forwarding is not offered");
  }
}
