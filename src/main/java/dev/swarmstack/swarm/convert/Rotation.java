package dev.swarmstack.swarm.convert;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.model.ComposeFile;
import dev.swarmstack.swarm.model.FileObject;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * Names each of the stack's own secrets and configs after its content ({@link VersionNames}), by setting its
 * {@code name:}: the converter, the plan and the generated stack file then all use the versioned name, and
 * {@code docker stack deploy} of that file creates the same objects. External objects keep their names.
 */
final class Rotation {

  private final ConversionContext scratch;
  private final StackObjects objects;

  /**
   * @param context the conversion of the stack as declared; its problems are left alone: an object whose content
   *     can't be read keeps its name here, and the real conversion reports it
   */
  private Rotation(ConversionContext context) {
    this.scratch = context.withCompose(context.compose);
    this.objects = new StackObjects(scratch);
  }

  static ComposeFile named(ConversionContext context) {
    ComposeFile compose = context.compose;
    Rotation rotation = new Rotation(context);
    return new ComposeFile(
        compose.version(),
        compose.services(),
        compose.networks(),
        compose.volumes(),
        rotation.versioned(compose.secrets(), rotation.objects::secretSpec),
        rotation.versioned(compose.configs(), rotation.objects::configSpec),
        compose.extensions());
  }

  private SortedMap<String, FileObject> versioned(
      SortedMap<String, FileObject> declared, BiFunction<String, FileObject, ObjectNode> toSpec) {
    if (declared == null) {
      return null;
    }
    SortedMap<String, FileObject> named = new TreeMap<>();
    declared.forEach((key, object) -> {
      if (Boolean.TRUE.equals(object.external())) {
        named.put(key, object);
        return;
      }
      int problemsBefore = scratch.problems.all().size();
      ObjectNode spec = toSpec.apply(key, object);
      boolean converted = scratch.problems.all().size() == problemsBefore;
      named.put(
          key,
          converted
              ? object.withName(VersionNames.of(spec.get("Name").asText(), ContentHash.of(spec)))
              : object);
    });
    return named;
  }
}
