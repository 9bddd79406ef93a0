package dev.swarmstack.swarm.convert;

import java.util.regex.Pattern;

/**
 * Names of rotated secrets and configs: {@code <engine name>-<8 hex of the content hash>}, so every content gets an
 * object of its own (the engine can't change the content of one in place) and the name still says what it is.
 */
public final class VersionNames {

  /** The engine refuses secret and config names longer than this. */
  static final int MAX_NAME_LENGTH = 64;

  static final int HASH_LENGTH = 8;
  private static final Pattern VERSIONED = Pattern.compile(".+-[0-9a-f]{" + HASH_LENGTH + "}");

  private VersionNames() {}

  /**
   * @param base the name the object would have without rotation ({@code <stack>_<key>} or its {@code name:})
   * @param contentHash as {@link ContentHash#of} gives it
   */
  public static String of(String base, String contentHash) {
    String hex = contentHash.substring(contentHash.indexOf(':') + 1);
    String prefix = base.substring(0, Math.min(base.length(), MAX_NAME_LENGTH - HASH_LENGTH - 1));
    return prefix + "-" + hex.substring(0, HASH_LENGTH);
  }

  /**
   * Whether {@code name} and {@code other} are two versions of one object: the same name once the hash is taken off.
   * A name without a hash counts as a version too, the one deployed with rotation off.
   */
  public static boolean sameObject(String name, String other) {
    return !name.equals(other) && base(name).equals(base(other));
  }

  private static String base(String name) {
    return VERSIONED.matcher(name).matches()
        ? name.substring(0, name.length() - HASH_LENGTH - 1)
        : name;
  }
}
