package dev.swarmstack.swarm.testing;

import dev.swarmstack.swarm.engine.RegistryAuth;
import java.nio.file.Path;

/**
 * The password-protected registry scripts/engine-up.sh runs on 127.0.0.1:5000, with {@code swarmtest/busybox:1}
 * pushed, and its fixed test account.
 */
public final class TestRegistry {

  public static final String HOST = "127.0.0.1:5000";
  /** The repository, without a tag. */
  public static final String REPOSITORY = HOST + "/swarmtest/busybox";

  public static final RegistryAuth AUTH = new RegistryAuth(HOST, "swarmtest", "swarmtest-password");

  private TestRegistry() {}

  /** The docker CLI logged in to the registry with a configuration of its own in {@code dockerConfig}. */
  public static Cli loggedIn(Path dockerConfig) {
    Cli docker = Cli.docker().withDockerConfig(dockerConfig);
    docker.okWithInput(
        AUTH.password() + "\n", "login", HOST, "--username", AUTH.username(), "--password-stdin");
    return docker;
  }

  /**
   * {@code :2}, the same image as {@code :1}, pushed by {@code loggedIn} if the registry doesn't have it yet (the
   * registry can't delete a tag, so it stays for later runs; the local tag made for the push is removed).
   */
  public static String secondTag(Cli loggedIn) {
    String second = REPOSITORY + ":2";
    if (loggedIn.run("manifest", "inspect", "--insecure", second).exitCode() != 0) {
      loggedIn.ok("image", "tag", REPOSITORY + ":1", second);
      try {
        loggedIn.ok("image", "push", second);
      } finally {
        loggedIn.run("image", "rm", second);
      }
    }
    return second;
  }
}
