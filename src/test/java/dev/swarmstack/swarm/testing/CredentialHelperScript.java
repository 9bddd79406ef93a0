package dev.swarmstack.swarm.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A real docker credential helper for tests: {@code docker-credential-<name>} in a folder of its own, a shell script
 * that speaks the helpers' protocol ({@code get}, the server on standard input, JSON on standard output) and answers
 * from a file, with docker-credential-helpers' "credentials not found" message for any other server.
 */
public final class CredentialHelperScript {

  private CredentialHelperScript() {}

  /**
   * Writes {@code <folder>/docker-credential-<name>} answering for each server in {@code credentials} (server to
   * {@code {username, secret}}).
   *
   * @return the folder, to put on the PATH
   */
  public static Path write(Path folder, String name, Map<String, String[]> credentials)
      throws IOException {
    Files.createDirectories(folder);
    Path store = folder.resolve(name + ".store");
    Files.writeString(
        store,
        credentials.entrySet().stream()
            .map(entry ->
                entry.getKey() + "\t{\"ServerURL\":\"" + entry.getKey() + "\",\"Username\":\""
                    + entry.getValue()[0] + "\",\"Secret\":\"" + entry.getValue()[1] + "\"}\n")
            .collect(Collectors.joining()));
    Path helper = folder.resolve("docker-credential-" + name);
    Files.writeString(
        helper,
        String.join(
            "\n",
            "#!/bin/sh",
            "[ \"$1\" = get ] || { echo \"unsupported action: $1\"; exit 1; }",
            "read -r server",
            "echo \"$server\" >> '" + folder.resolve(name + ".asked") + "'",
            "line=$(grep -F \"$server\t\" '" + store + "' | head -n 1)",
            "[ -n \"$line\" ] || { echo 'credentials not found in native keychain'; exit 1; }",
            "printf '%s\\n' \"${line#*\t}\"",
            ""));
    Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
    return folder;
  }

  /** The servers the helper was asked for, one a line, in order. */
  public static String asked(Path folder, String name) throws IOException {
    Path asked = folder.resolve(name + ".asked");
    return Files.exists(asked) ? Files.readString(asked) : "";
  }
}
