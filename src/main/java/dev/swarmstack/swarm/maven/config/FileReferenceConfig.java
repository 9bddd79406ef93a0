package dev.swarmstack.swarm.maven.config;

/**
 * A secret or config a service uses: the short form {@code <secret>db_password</secret>} or the long form
 * with {@code <source>}, {@code <target>}, {@code <uid>}, {@code <gid>} and {@code <mode>}.
 */
public class FileReferenceConfig {

  /** The top-level secret's or config's key. */
  String source;

  /** File name in the container ({@code /run/secrets/<target>} for secrets, or an absolute path). */
  String target;

  /** Owner user id of the file. */
  String uid;

  /** Owner group id of the file. */
  String gid;

  /** File permissions; octal with a leading zero as in compose ({@code 0440}), decimal otherwise. */
  String mode;

  /** Maven calls this for the short form. */
  public void set(String source) {
    this.source = source;
  }
}
