package dev.swarmstack.swarm.compose;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Which compose file format 3.x first allows each key, so that a written stack file can declare the lowest
 * version that covers what it uses (older engines and CLIs accept it, and readers see what it needs).
 *
 * <p>The table was derived from docker/cli's {@code config_schema_v3.*.json}: a key's version is the first
 * schema that accepts it. A test checks every row against those schemas. Patterns are JSON-pointer-like:
 * {@code *} matches any one map key or list index, {@code x-*} any extension key. Items of {@code ports}
 * and {@code volumes} are listed because the writer always uses the long (mapping) syntax, which 3.2 added.
 */
public final class ComposeVersions {

  /** The format every stack file can declare at the least. */
  public static final int BASE_MINOR = 0;

  /** The newest format docker/cli knows, {@code 3.13}. */
  public static final int LATEST_MINOR = 13;

  /** A key pattern and the minor version of format 3.x that introduced it. */
  public record Introduction(int minor, String pattern) {

    public String version() {
      return format(minor);
    }

    /**
     * Whether the key at {@code path}, holding {@code node}, is this introduction's. Compares the pattern's segments
     * in place: it runs for every row and every key of a stack file, and splitting the patterns each time was most
     * of the time a large stack took to load.
     */
    boolean matches(List<String> path, JsonNode node) {
      // a pattern ending in a list item is about the long (mapping) syntax: short strings are valid
      // in 3.0
      if (pattern.endsWith("/*") && !node.isObject()) {
        return false;
      }
      int start = 1;
      for (String key : path) {
        if (start > pattern.length()) {
          return false;
        }
        int end = pattern.indexOf('/', start);
        end = end < 0 ? pattern.length() : end;
        int length = end - start;
        boolean matches = length == 1 && pattern.charAt(start) == '*'
            || length == 3 && pattern.startsWith("x-*", start) && key.startsWith("x-")
            || length == key.length() && pattern.startsWith(key, start);
        if (!matches) {
          return false;
        }
        start = end + 1;
      }
      return start == pattern.length() + 1;
    }
  }

  /** Every key introduced after 3.0, oldest first. */
  public static final List<Introduction> TABLE = List.of(
      new Introduction(1, "/secrets"),
      new Introduction(1, "/services/*/secrets"),
      new Introduction(2, "/networks/*/attachable"),
      new Introduction(2, "/services/*/build/cache_from"),
      new Introduction(2, "/services/*/deploy/endpoint_mode"),
      new Introduction(2, "/services/*/ports/*"),
      new Introduction(2, "/services/*/volumes/*"),
      new Introduction(3, "/configs"),
      new Introduction(3, "/services/*/build/labels"),
      new Introduction(3, "/services/*/configs"),
      new Introduction(3, "/services/*/credential_spec"),
      new Introduction(3, "/services/*/deploy/placement/preferences"),
      new Introduction(4, "/x-*"),
      new Introduction(4, "/services/*/build/network"),
      new Introduction(4, "/services/*/build/target"),
      new Introduction(4, "/services/*/deploy/update_config/order"),
      new Introduction(4, "/services/*/healthcheck/start_period"),
      new Introduction(4, "/volumes/*/name"),
      new Introduction(5, "/configs/*/name"),
      new Introduction(5, "/networks/*/name"),
      new Introduction(5, "/secrets/*/name"),
      new Introduction(5, "/services/*/build/shm_size"),
      new Introduction(5, "/services/*/deploy/resources/reservations/generic_resources"),
      new Introduction(5, "/services/*/isolation"),
      new Introduction(6, "/services/*/volumes/*/tmpfs"),
      new Introduction(7, "/configs/*/x-*"),
      new Introduction(7, "/networks/*/x-*"),
      new Introduction(7, "/secrets/*/x-*"),
      new Introduction(7, "/services/*/x-*"),
      new Introduction(7, "/volumes/*/x-*"),
      new Introduction(7, "/services/*/deploy/rollback_config"),
      new Introduction(7, "/services/*/init"),
      new Introduction(8, "/configs/*/template_driver"),
      new Introduction(8, "/secrets/*/driver"),
      new Introduction(8, "/secrets/*/driver_opts"),
      new Introduction(8, "/secrets/*/template_driver"),
      new Introduction(8, "/services/*/credential_spec/config"),
      new Introduction(8, "/services/*/deploy/placement/max_replicas_per_node"),
      new Introduction(9, "/services/*/build/extra_hosts"),
      new Introduction(9, "/services/*/cgroupns_mode"),
      new Introduction(9, "/services/*/deploy/resources/limits/pids"),
      new Introduction(12, "/services/*/healthcheck/start_interval"),
      new Introduction(13, "/services/*/networks/*/driver_opts"),
      new Introduction(13, "/services/*/oom_score_adj"));

  private ComposeVersions() {}

  /** {@code "3.<minor>"}. */
  public static String format(int minor) {
    return "3." + minor;
  }

  /** A key of a document, and the version its value needs: its own, or a newer key's inside it. */
  public record DatedKey(JsonPointer at, int minor) {

    public String version() {
      return format(minor);
    }
  }

  /** The lowest version, {@code "3.x"}, whose schema allows every key in {@code document}. */
  public static String lowestCovering(JsonNode document) {
    return format(neededMinor(document, new ArrayList<>()));
  }

  /**
   * The keys of {@code document} that format {@code 3.<minor>} does not have yet, outermost only: the version given
   * for a key also covers the newer keys inside it.
   */
  public static List<DatedKey> keysNewerThan(JsonNode document, int minor) {
    List<DatedKey> newer = new ArrayList<>();
    collectNewer(document, new ArrayList<>(), minor, newer);
    return newer;
  }

  private static void collectNewer(
      JsonNode node, List<String> path, int minor, List<DatedKey> newer) {
    if (ownMinor(node, path) > minor) {
      JsonPointer at = JsonPointer.empty();
      for (String segment : path) {
        at = at.appendProperty(segment);
      }
      newer.add(new DatedKey(at, neededMinor(node, path)));
      return;
    }
    forEachChild(node, path, () -> collectNewer(childOf(node, path), path, minor, newer));
  }

  /** The version the key at {@code path} needs, and everything inside it. */
  private static int neededMinor(JsonNode node, List<String> path) {
    int[] needed = {ownMinor(node, path)};
    forEachChild(
        node, path, () -> needed[0] = Math.max(needed[0], neededMinor(childOf(node, path), path)));
    return needed[0];
  }

  /** The version that introduced the key at {@code path} itself: the base version for keys 3.0 had. */
  private static int ownMinor(JsonNode node, List<String> path) {
    int minor = BASE_MINOR;
    for (Introduction row : TABLE) {
      if (row.minor() > minor && row.matches(path, node)) {
        minor = row.minor();
      }
    }
    return minor;
  }

  /** Runs {@code visit} once per child of {@code node}, with the child's key appended to {@code path}. */
  private static void forEachChild(JsonNode node, List<String> path, Runnable visit) {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    for (int i = 0; node.isArray() && i < node.size(); i++) {
      keys.add(Integer.toString(i));
    }
    for (String key : keys) {
      path.add(key);
      visit.run();
      path.remove(path.size() - 1);
    }
  }

  private static JsonNode childOf(JsonNode node, List<String> path) {
    String key = path.get(path.size() - 1);
    return node.isArray() ? node.get(Integer.parseInt(key)) : node.get(key);
  }
}
