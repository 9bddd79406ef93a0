package dev.swarmstack.swarm.compose;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.model.ComposeFile;
import dev.swarmstack.swarm.problem.Origin;
import dev.swarmstack.swarm.problem.Problems;
import dev.swarmstack.swarm.problem.UserTerms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Loads a stack the way {@code docker stack deploy -c a.yml -c b.yml} does: each compose file is read and
 * interpolated, the files are merged in order, the pom's definitions are merged on top by name, and the
 * result is normalised into the typed model.
 *
 * <p>Unlike {@code docker stack deploy}, variables also come from a {@code .env} file beside the first
 * compose file (moby#29133), with the lowest precedence.
 */
public final class StackLoader {

  private final VariableSource variables;
  private final UserTerms terms;

  /** @param terms how messages name what the user sets */
  public StackLoader(VariableSource variables, UserTerms terms) {
    this.variables = variables;
    this.terms = terms;
  }

  /** A loader whose messages use {@link UserTerms#NEUTRAL}. */
  public StackLoader(VariableSource variables) {
    this(variables, UserTerms.NEUTRAL);
  }

  /**
   * @param composeFiles compose files in merge order; may be empty
   * @param pomDefinitions the pom's networks, services, ... as a compose-shaped tree; may be empty
   * @param baseDir the project's base directory: relative paths in the pom resolve against it
   * @throws dev.swarmstack.swarm.problem.StackException with every error found
   */
  public LoadedStack load(List<Path> composeFiles, SourceTree pomDefinitions, Path baseDir) {
    LoadedStack stack = loadLeniently(composeFiles, pomDefinitions, baseDir);
    Problems problems = new Problems();
    problems.addAll(stack.problems());
    problems.throwIfErrors();
    return stack;
  }

  /**
   * Loads what can be loaded: the stack holds every value that could be read, and its problems list every error
   * and warning found on the way. Validating that stack as well reports the errors of both steps in one run.
   */
  public LoadedStack loadLeniently(
      List<Path> composeFiles, SourceTree pomDefinitions, Path baseDir) {
    Problems problems = new Problems();
    Path workingDir = composeFiles.isEmpty()
        ? baseDir.toAbsolutePath()
        : composeFiles.get(0).toAbsolutePath().getParent();
    VariableSource lookup =
        composeFiles.isEmpty() ? variables : variables.orElse(dotEnv(workingDir, problems));

    SourceTree merged = null;
    String version = null;
    boolean everyFileRead = true;
    for (Path file : composeFiles) {
      Optional<SourceTree> read = YamlTreeReader.read(file, problems, terms);
      if (read.isEmpty()) {
        everyFileRead = false;
        continue;
      }
      SourceTree tree = read.get();
      String fileVersion = ComposeVersion.of(tree, problems);
      if (version == null) {
        version = fileVersion;
      } else if (!version.equals(fileVersion)) {
        problems.error(
            tree.origins().at(JsonPointer.compile("/version")),
            "version mismatched between two composefiles : " + version + " and " + fileVersion);
      }
      new KeyPolicy(problems).check(tree, fileVersion);
      new Interpolator(lookup, problems).interpolate(tree);
      normalise(tree, new TreeEdits(problems, tree.origins(), workingDir, lookup), version);
      merged = merged == null ? tree : TreeMerger.merge(merged, tree);
    }
    if (merged == null) {
      merged = new SourceTree(JsonNodeFactory.instance.objectNode(), new SourceMap());
    }
    if (pomDefinitions != null && !pomDefinitions.root().isEmpty()) {
      // the pom is already interpolated by Maven: it is only checked and normalised (a copy: the
      // caller's stays)
      SourceMap pomOrigins = new SourceMap();
      pomOrigins.putAll(pomDefinitions.origins());
      SourceTree pom = new SourceTree(pomDefinitions.root().deepCopy(), pomOrigins);
      new KeyPolicy(problems).check(pom);
      normalise(
          pom,
          new TreeEdits(problems, pomOrigins, baseDir.toAbsolutePath(), lookup),
          version == null ? ComposeVersion.LATEST : version);
      merged = TreeMerger.merge(merged, pom);
    }
    if (everyFileRead) { // a file that could not be read may well hold the services
      requireServices(merged, composeFiles, problems);
    }
    merged.root().put("version", version == null ? ComposeVersion.LATEST : version);

    ComposeFile compose = new ModelBinder(problems, merged.origins()).bind(merged.root());
    return new LoadedStack(compose, merged.origins(), problems.all(), workingDir);
  }

  /**
   * A stack without services deploys nothing, and with prune it would remove everything the live stack has:
   * refused, as the CLI refuses an empty file.
   */
  private static void requireServices(
      SourceTree merged, List<Path> composeFiles, Problems problems) {
    if (merged.root().path("services").size() > 0) {
      return;
    }
    JsonPointer services = JsonPointer.compile("/services");
    Origin where = merged.root().has("services")
        ? merged.origins().keyAt(services)
        : composeFiles.isEmpty()
            ? Origin.pom("<services>")
            : new Origin(composeFiles.get(composeFiles.size() - 1).toString());
    String inFiles = composeFiles.isEmpty()
        ? ""
        : "under services: in "
            + composeFiles.stream().map(Path::toString).collect(Collectors.joining(" or "))
            + ", or ";
    problems.error(
        where,
        "the stack has no services: declare at least one " + inFiles
            + "as <services><service> in the plugin's <configuration>");
  }

  private static void normalise(SourceTree tree, TreeEdits edits, String version) {
    ObjectNode root = tree.root();
    if (root.get("services") instanceof ObjectNode services) {
      ServiceNormaliser normaliser = new ServiceNormaliser(edits);
      for (Map.Entry<String, JsonNode> service : services.properties()) {
        JsonPointer at =
            JsonPointer.empty().appendProperty("services").appendProperty(service.getKey());
        if (service.getValue() instanceof ObjectNode object) {
          normaliser.normalise(object, at);
        } else {
          edits.error(
              at,
              "services." + service.getKey() + " must be a mapping, e.g. " + service.getKey()
                  + ": {image: nginx}");
        }
      }
    }
    new ResourceNormaliser(edits, version).normalise(root);
  }

  /** Variables from {@code .env} beside the first compose file; none when it does not exist. */
  private VariableSource dotEnv(Path workingDir, Problems problems) {
    Path file = workingDir.resolve(".env");
    if (!Files.isRegularFile(file)) {
      return name -> Optional.empty();
    }
    Map<String, String> values =
        EnvFile.read(file, variables, new Origin(file.toString()), problems);
    return name -> Optional.ofNullable(values.get(name));
  }
}
