package dev.swarmstack.swarm.compose;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.model.ComposeFile;
import dev.swarmstack.swarm.model.FileObject;
import dev.swarmstack.swarm.model.Network;
import dev.swarmstack.swarm.model.Service;
import dev.swarmstack.swarm.model.Volume;
import dev.swarmstack.swarm.problem.Origin;
import dev.swarmstack.swarm.problem.Problems;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Binds a normalised tree to the typed model. Each service, network, ... is bound on its own so that one
 * wrong value does not hide the others; Jackson's failures are turned into problems at the value's origin
 * that say what type was expected, never Jackson's own message.
 */
final class ModelBinder {

  private static final Map<String, Class<?>> SECTIONS = Map.of(
      "services",
      Service.class,
      "networks",
      Network.class,
      "volumes",
      Volume.class,
      "secrets",
      FileObject.class,
      "configs",
      FileObject.class);

  private static final int MAX_REPORTS_PER_PART = 20;

  private final Problems problems;
  private final SourceMap origins;

  ModelBinder(Problems problems, SourceMap origins) {
    this.problems = problems;
    this.origins = origins;
  }

  /**
   * The model of every value that fits; each one that does not is reported and left out, so that the rest can
   * still be validated and the user sees all errors in one run.
   */
  ComposeFile bind(ObjectNode root) {
    sortExtensions(root);
    for (Map.Entry<String, Class<?>> section : SECTIONS.entrySet()) {
      if (!(root.get(section.getKey()) instanceof ObjectNode entries)) {
        continue;
      }
      JsonPointer sectionAt = JsonPointer.empty().appendProperty(section.getKey());
      List<String> names = new ArrayList<>();
      entries.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        if (bindPart(entries.get(name), section.getValue(), sectionAt.appendProperty(name))
            == null) {
          entries.remove(name);
        }
      }
    }
    ComposeFile compose = bindPart(root, ComposeFile.class, JsonPointer.empty());
    return compose != null ? compose : new ComposeFile(null, null, null, null, null, null, null);
  }

  /** x-* keys in name order, so the model's extension maps (filled in tree order) are deterministic. */
  private static void sortExtensions(ObjectNode root) {
    sortExtensionKeys(root);
    for (String section : SECTIONS.keySet()) {
      root.path(section).forEach(entry -> {
        if (entry instanceof ObjectNode object) {
          sortExtensionKeys(object);
        }
      });
    }
  }

  private static void sortExtensionKeys(ObjectNode object) {
    TreeMap<String, JsonNode> extensions = new TreeMap<>();
    object
        .properties()
        .removeIf(field -> field.getKey().startsWith("x-")
            && extensions.put(field.getKey(), field.getValue()) == null);
    object.setAll(extensions);
  }

  /**
   * Binds {@code node}; when a value does not fit, reports it, removes it from the tree and tries again, so that
   * every misfit of the part is reported, not only the first.
   *
   * @return the part without its misfits, or null when the part itself does not fit
   */
  private <T> T bindPart(JsonNode node, Class<T> type, JsonPointer at) {
    for (int attempt = 0; attempt < MAX_REPORTS_PER_PART; attempt++) {
      try {
        return ComposeMapper.json().treeToValue(node, type);
      } catch (JsonMappingException e) {
        JsonPointer relative = JsonPointer.empty();
        for (JsonMappingException.Reference ref : e.getPath()) {
          relative = ref.getFieldName() != null
              ? relative.appendProperty(ref.getFieldName())
              : relative.appendIndex(ref.getIndex());
        }
        report(e, at.append(relative));
        if (!removeMisfit(node, relative)) {
          return null;
        }
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        problems.error(origins.at(at), "cannot read this value: " + e.getOriginalMessage());
        return null;
      }
    }
    return null;
  }

  /**
   * Removes the misfit, or the mapping entry holding it when it is a list item: removing the item would shift the
   * items after it away from their origins.
   */
  private static boolean removeMisfit(JsonNode node, JsonPointer relative) {
    for (JsonPointer p = relative; !p.matches(); p = p.head()) {
      if (node.at(p.head()) instanceof ObjectNode parent) {
        parent.remove(p.last().getMatchingProperty());
        return true;
      }
    }
    return false;
  }

  private void report(JsonMappingException e, JsonPointer where) {
    // an unknown key is reported at the key, where KeyPolicy reported it already
    Origin origin =
        e instanceof UnrecognizedPropertyException ? origins.keyAt(where) : origins.at(where);
    // a value the normaliser already rejected fails again here: say it once
    if (problems.all().stream().noneMatch(p -> p.isError() && p.origin().equals(origin))) {
      problems.error(origin, describe(e, where));
    }
  }

  private static String describe(JsonMappingException e, JsonPointer where) {
    String name = dotted(where);
    if (e instanceof UnrecognizedPropertyException unknown) {
      return "Additional property " + unknown.getPropertyName() + " is not allowed";
    }
    if (e instanceof ValueInstantiationException
        || e.getCause() instanceof IllegalArgumentException) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      return name + ": " + cause.getMessage();
    }
    if (e instanceof InvalidFormatException format) {
      return name + " must be " + expected(format.getTargetType()) + ", not '" + format.getValue()
          + "'";
    }
    if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      return name + " must be " + expected(mismatch.getTargetType());
    }
    return name + " has a value of the wrong type";
  }

  private static String expected(Class<?> type) {
    if (type == Long.class || type == Integer.class || type == long.class || type == int.class) {
      return "an integer";
    }
    if (type == Float.class
        || type == Double.class
        || type == float.class
        || type == double.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "a boolean (true or false)";
    }
    if (type == String.class) {
      return "a string";
    }
    if (Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    return "a mapping";
  }

  /** {@code /services/api/deploy/replicas} -> {@code services.api.deploy.replicas}, as the CLI names keys. */
  private static String dotted(JsonPointer pointer) {
    StringBuilder out = new StringBuilder();
    for (JsonPointer p = pointer; p != null && !p.matches(); p = p.tail()) {
      out.append(out.length() == 0 ? "" : ".").append(p.getMatchingProperty());
    }
    return out.toString();
  }
}
