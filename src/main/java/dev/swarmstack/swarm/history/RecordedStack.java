package dev.swarmstack.swarm.history;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.convert.ContentHash;
import dev.swarmstack.swarm.convert.ConvertedStack;
import dev.swarmstack.swarm.stack.StackLabels;
import java.util.SortedMap;
import java.util.TreeMap;

/** The specs a revision keeps of a deployed stack. */
final class RecordedStack {

  private RecordedStack() {}

  /**
   * @param declared the stack as deployed
   * @param services every service's spec as deployed (images pinned)
   */
  static ConvertedStack of(ConvertedStack declared, SortedMap<String, ObjectNode> services) {
    return new ConvertedStack(
        declared.networks(),
        declared.externalNetworks(),
        withoutContent(declared.secrets()),
        withoutContent(declared.configs()),
        services);
  }

  /**
   * Secrets and configs by their content hash instead of their content: a secret's data must never leave its
   * secret, and the objects stay in the swarm for as long as a revision uses them.
   */
  private static SortedMap<String, ObjectNode> withoutContent(SortedMap<String, ObjectNode> specs) {
    SortedMap<String, ObjectNode> recorded = new TreeMap<>();
    specs.forEach((name, spec) -> {
      ObjectNode copy = spec.deepCopy();
      if (copy.has("Data")) {
        copy.withObjectProperty("Labels").put(StackLabels.CONTENT_HASH, ContentHash.of(spec));
        copy.remove("Data");
      }
      recorded.put(name, copy);
    });
    return recorded;
  }
}
