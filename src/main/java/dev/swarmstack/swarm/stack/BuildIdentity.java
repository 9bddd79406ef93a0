package dev.swarmstack.swarm.lock;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** Names this build for those who wait for its lock: where to look for it, and which process to check. */
final class BuildIdentity {

  private BuildIdentity() {}

  /** {@code user@host}. */
  static String owner() {
    return System.getProperty("user.name", "unknown") + "@" + host();
  }

  static long pid() {
    return ProcessHandle.current().pid();
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("unknown-host");
    }
  }
}
