package dev.swarmstack.swarm.stack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmstack.swarm.engine.EngineObject;
import java.util.List;
import java.util.Map;

/** The labels that tie engine objects to a stack; the first two are the docker CLI's, so both tools see the same stacks. */
public final class StackLabels {

  /** Every object of a stack carries its name here ({@code docker stack ls/ps/rm} select by it). */
  public static final String NAMESPACE = "com.docker.stack.namespace";

  /** The image as written in the compose file, before digest pinning: tells whether the image changed. */
  public static final String IMAGE = "com.docker.stack.image";

  /**
   * A hash of a secret's or config's content, set on the objects this plugin creates: the engine never returns
   * secret data, and refuses content changes, so this is how a change is detected before anything is written.
   */
  public static final String CONTENT_HASH = "dev.swarmstack.content-hash";

  private StackLabels() {}

  /** The label filter that selects every object of {@code namespace}. */
  public static Map<String, String> of(String namespace) {
    return Map.of(NAMESPACE, namespace);
  }

  /** The task filter ({@code label=...}) that selects every task of {@code namespace}. */
  public static Map<String, List<String>> taskFilter(String namespace) {
    return Map.of("label", List.of(NAMESPACE + "=" + namespace));
  }

  /** A label of an engine object's spec ({@code Spec.Labels}, or {@code Labels} of a network), or null. */
  public static String label(EngineObject object, String key) {
    JsonNode value = object.spec().path("Labels").get(key);
    return value == null || value.isNull() ? null : value.asText();
  }

  /** {@code <namespace>_<name>}: the CLI's naming of stack objects. */
  public static String scoped(String namespace, String name) {
    return namespace + "_" + name;
  }
}
