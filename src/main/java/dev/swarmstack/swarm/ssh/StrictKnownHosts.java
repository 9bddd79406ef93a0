package dev.swarmstack.swarm.ssh;

import java.net.SocketAddress;
import java.nio.file.Path;
import java.security.PublicKey;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;

/**
 * {@code known_hosts} checking as {@code StrictHostKeyChecking yes}: a host whose key is not in the file, or differs
 * from it, is refused and the file is never written. Remembers why, so that the error can name the fingerprint.
 */
final class StrictKnownHosts extends KnownHostsServerKeyVerifier {

  private final Path file;
  private volatile String rejection;

  StrictKnownHosts(Path file) {
    super(RejectAllServerKeyVerifier.INSTANCE, file);
    this.file = file;
  }

  /** Why the host's key was refused, or null when it wasn't. */
  String rejection() {
    return rejection;
  }

  @Override
  protected boolean acceptUnknownHostKey(
      ClientSession session, SocketAddress remote, PublicKey key) {
    rejection = "its host key " + KeyUtils.getKeyType(key) + " " + KeyUtils.getFingerPrint(key)
        + " is not in " + file
        + ". Check the fingerprint with the host's administrator, then add the key (ssh-keyscan -p PORT HOST >> "
        + file + ")";
    return false;
  }

  @Override
  public boolean acceptModifiedServerKey(
      ClientSession session,
      SocketAddress remote,
      KnownHostEntry entry,
      PublicKey expected,
      PublicKey actual) {
    rejection = "its host key " + KeyUtils.getKeyType(actual) + " "
        + KeyUtils.getFingerPrint(actual) + " differs from the key "
        + KeyUtils.getFingerPrint(expected) + " that " + file + " holds for it (line '"
        + entry.getConfigLine() + "')."
        + " Someone may be intercepting the connection; if the host was reinstalled, replace its line in "
        + file;
    return false;
  }
}
