package dev.swarmstack.swarm.convert;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.model.FileObject;
import dev.swarmstack.swarm.model.Service;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A service's secret and config references and its credential spec, by name: the IDs are only known once
 * the objects exist, see {@link ServiceSpecs#withObjectIds}.
 */
final class FileReferences {

  private static final int DEFAULT_MODE = 0444;

  private final ConversionContext context;
  private final String service;

  FileReferences(ConversionContext context, String service) {
    this.context = context;
    this.service = service;
  }

  /** {@code Secrets}: SecretReference list sorted by name. */
  ArrayNode secrets(List<Service.FileReference> references) {
    return convert(
        "secret", "secrets", references, context.compose.secretsOrEmpty(), new ArrayList<>());
  }

  /**
   * {@code Configs}: ConfigReference list sorted by name, plus a runtime reference for a credential spec
   * that names a config.
   */
  ArrayNode configs(List<Service.FileReference> references, Service.CredentialSpec credentialSpec) {
    List<ObjectNode> runtime = new ArrayList<>();
    String credentialConfig = credentialSpec == null ? null : credentialSpec.config();
    if (credentialConfig != null && !credentialConfig.isEmpty()) {
      FileObject config = context.compose.configsOrEmpty().get(credentialConfig);
      if (config == null) {
        undefined("config", credentialConfig, "credential_spec", "config");
      } else {
        ObjectNode ref = Json.object();
        ref.putObject("Runtime");
        ref.put("ConfigID", "");
        ref.put(
            "ConfigName", context.objectName(credentialConfig, config.name(), config.external()));
        runtime.add(ref);
      }
    }
    return convert("config", "configs", references, context.compose.configsOrEmpty(), runtime);
  }

  private ArrayNode convert(
      String kind,
      String key,
      List<Service.FileReference> references,
      Map<String, FileObject> declared,
      List<ObjectNode> extra) {
    String idField = kind.equals("secret") ? "SecretID" : "ConfigID";
    String nameField = kind.equals("secret") ? "SecretName" : "ConfigName";
    List<ObjectNode> refs = new ArrayList<>();
    Set<String> targets = new HashSet<>();
    List<Service.FileReference> list = references == null ? List.of() : references;
    for (int i = 0; i < list.size(); i++) {
      Service.FileReference reference = list.get(i);
      FileObject object = declared.get(reference.source());
      if (object == null) {
        undefined(kind, reference.source(), key, i);
        continue;
      }
      String target = reference.target() == null || reference.target().isEmpty()
          ? reference.source()
          : reference.target();
      String name = context.objectName(reference.source(), object.name(), object.external());
      if (!targets.add(target)) {
        context.serviceError(
            service,
            "duplicate " + kind + " target for " + name + " not allowed: give each " + kind
                + " its own target",
            key,
            i);
        continue;
      }
      ObjectNode ref = Json.object();
      ObjectNode file = ref.putObject("File");
      file.put("Name", target);
      file.put("UID", reference.uid() == null || reference.uid().isEmpty() ? "0" : reference.uid());
      file.put("GID", reference.gid() == null || reference.gid().isEmpty() ? "0" : reference.gid());
      file.put("Mode", reference.mode() == null ? DEFAULT_MODE : reference.mode());
      ref.put(idField, "");
      ref.put(nameField, name);
      refs.add(ref);
    }
    refs.addAll(extra);
    // sorted so that an unchanged stack gives an unchanged spec (a reordered list would restart
    // tasks)
    refs.sort(Comparator.comparing(r -> r.get(nameField).asText()));
    ArrayNode array = Json.array();
    refs.forEach(array::add);
    return array;
  }

  private void undefined(String kind, String name, Object... path) {
    context.serviceError(
        service,
        "undefined " + kind + " \"" + name + "\": declare it under the top-level " + kind + "s:",
        path);
  }

  /**
   * {@code Privileges.CredentialSpec}: exactly one of config, file or registry. A config is named here and
   * replaced by its ID in {@link ServiceSpecs#withObjectIds}, as the CLI sends the ID.
   */
  ObjectNode credentialSpec(Service.CredentialSpec spec, ArrayNode configRefs) {
    if (spec == null) {
      return null;
    }
    List<String> set = new ArrayList<>();
    if (notEmpty(spec.config())) {
      set.add("\"Config\"");
    }
    if (notEmpty(spec.file())) {
      set.add("\"File\"");
    }
    if (notEmpty(spec.registry())) {
      set.add("\"Registry\"");
    }
    if (set.isEmpty()) {
      return null;
    }
    if (set.size() > 1) {
      context.serviceError(
          service,
          "invalid credential spec: cannot specify both " + String.join(" and ", set)
              + "; keep only one of them",
          "credential_spec");
      return null;
    }
    ObjectNode result = Json.object();
    String configName = "";
    if (notEmpty(spec.config())) {
      for (var ref : configRefs) {
        if (ref.has("Runtime")) {
          configName = ref.get("ConfigName").asText();
        }
      }
    }
    result.put("Config", configName);
    result.put("File", spec.file() == null ? "" : spec.file());
    result.put("Registry", spec.registry() == null ? "" : spec.registry());
    return result;
  }

  private static boolean notEmpty(String value) {
    return value != null && !value.isEmpty();
  }
}
