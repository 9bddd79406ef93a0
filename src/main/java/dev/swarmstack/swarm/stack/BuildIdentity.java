package dev.swarmstack.swarm.stack;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** Who runs this build and where: named in a stack's lock and in each revision of its history. */
public final class BuildIdentity {

  private BuildIdentity() {}

  /** {@code user@host}. */
  public static String owner() {
    return user() + "@" + host();
  }

  public static String user() {
    return System.getProperty("user.name", "unknown");
  }

  public static long pid() {
    return ProcessHandle.current().pid();
  }

  public static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("unknown-host");
    }
  }
}
