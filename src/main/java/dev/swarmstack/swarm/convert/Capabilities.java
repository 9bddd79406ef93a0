package dev.swarmstack.swarm.convert;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** {@code cap_add}/{@code cap_drop} normalised as docker's {@code opts.EffectiveCapAddCapDrop}. */
final class Capabilities {

  private static final String ALL = "ALL";
  private static final String RESET = "RESET";

  private Capabilities() {}

  /** Writes {@code CapabilityAdd} and {@code CapabilityDrop}: upper case, CAP_ prefixed, sorted, add wins. */
  static void effective(List<String> add, List<String> drop, ObjectNode container) {
    Set<String> added = normalise(add);
    Set<String> dropped = normalise(drop);
    dropped.removeAll(added);
    added.remove(RESET);
    dropped.remove(RESET);
    Json.putStrings(container, "CapabilityAdd", added);
    Json.putStrings(container, "CapabilityDrop", dropped);
  }

  private static Set<String> normalise(List<String> capabilities) {
    Set<String> result = new TreeSet<>();
    if (capabilities != null) {
      for (String capability : capabilities) {
        String name = capability.strip().toUpperCase(Locale.ROOT);
        result.add(
            name.equals(ALL) || name.equals(RESET) || name.startsWith("CAP_")
                ? name
                : "CAP_" + name);
      }
    }
    // ALL stands for every capability: nothing else needs naming beside it
    return result.contains(ALL) ? new TreeSet<>(Set.of(ALL)) : result;
  }
}
