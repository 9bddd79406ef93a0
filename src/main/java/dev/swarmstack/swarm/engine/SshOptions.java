package dev.swarmstack.swarm.engine;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * How to reach an {@code ssh://} engine, beyond its address.
 *
 * @param directory the ssh client folder ({@code ~/.ssh}): {@code config}, {@code known_hosts} and the default keys
 * @param passphrase the passphrase of the private keys used for a host, by host name as written in the address
 * @param agentSocket the ssh-agent's socket ({@code SSH_AUTH_SOCK}), or null for no agent
 */
public record SshOptions(
    Path directory, Function<String, Optional<String>> passphrase, Path agentSocket) {

  /** {@code ~/.ssh}, no passphrase, and the agent of {@code SSH_AUTH_SOCK} when set. */
  public static SshOptions forThisProcess() {
    return of(System.getenv(), Path.of(System.getProperty("user.home")), host -> Optional.empty());
  }

  public static SshOptions of(
      Map<String, String> env, Path userHome, Function<String, Optional<String>> passphrase) {
    String agent = env.get("SSH_AUTH_SOCK");
    return new SshOptions(
        userHome.resolve(".ssh"),
        passphrase,
        agent == null || agent.isEmpty() ? null : Path.of(agent));
  }

  @Override
  public String toString() {
    return "SshOptions[" + directory + ", agent " + agentSocket + "]"; // never a passphrase
  }
}
