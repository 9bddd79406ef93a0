package dev.swarmstack.swarm.maven.config;

import dev.swarmstack.swarm.compose.LoadedStack;
import dev.swarmstack.swarm.model.ComposeFile;
import dev.swarmstack.swarm.model.Content;
import dev.swarmstack.swarm.model.FileObject;
import dev.swarmstack.swarm.problem.Origin;
import dev.swarmstack.swarm.problem.Problems;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The pom's content sources that compose has no key for: {@code <environment>}, {@code <property>} and (configs only)
 * {@code <content>}. Their values are put into the loaded stack in memory ({@link FileObject#content()}), never into
 * the compose tree, so they can't reach a stack file, a message or the log. Each secret or config has exactly one
 * source.
 */
public final class ContentSources {

  private final Function<String, Optional<String>> environment;
  private final Function<String, Optional<String>> properties;

  /**
   * @param environment the Maven process's environment variables
   * @param properties Maven properties: user properties first, then the project's
   */
  public ContentSources(
      Function<String, Optional<String>> environment,
      Function<String, Optional<String>> properties) {
    this.environment = environment;
    this.properties = properties;
  }

  /** The stack with the pom's in-memory contents filled in; errors (missing variable, two sources) go to problems. */
  public LoadedStack apply(
      LoadedStack stack,
      List<FileObjectConfig> secrets,
      List<FileObjectConfig> configs,
      Problems problems) {
    ComposeFile compose = stack.compose();
    SortedMap<String, FileObject> newSecrets = fill(compose.secrets(), secrets, "secret", problems);
    SortedMap<String, FileObject> newConfigs = fill(compose.configs(), configs, "config", problems);
    if (newSecrets == compose.secrets() && newConfigs == compose.configs()) {
      return stack;
    }
    ComposeFile filled = new ComposeFile(
        compose.version(),
        compose.services(),
        compose.networks(),
        compose.volumes(),
        newSecrets,
        newConfigs,
        compose.extensions());
    return new LoadedStack(filled, stack.origins(), stack.problems(), stack.workingDir());
  }

  private SortedMap<String, FileObject> fill(
      SortedMap<String, FileObject> loaded,
      List<FileObjectConfig> declared,
      String item,
      Problems problems) {
    if (loaded == null || declared == null) {
      return loaded;
    }
    SortedMap<String, FileObject> filled = new TreeMap<>(loaded);
    for (FileObjectConfig config : declared) {
      FileObject object = config.name == null ? null : loaded.get(config.name);
      if (object == null) {
        continue; // no name, or a name used twice: PomStackMapper reported it
      }
      String element = "<" + item + "s><" + item + ">" + config.name + "</" + item + ">";
      List<String> sources = sources(config, item);
      if (sources.size() > 1) {
        problems.error(
            Origin.pom(element),
            item + " " + config.name + " has " + sources.size() + " content sources ("
                + String.join(", ", sources) + "): keep exactly one");
        continue;
      }
      if (config.content != null && item.equals("secret")) {
        problems.error(
            Origin.pom(element + "<content>"),
            "inline <content> is for configs only: a secret's value"
                + " does not belong in the pom. Use <environment>, <property> or <file>");
        continue;
      }
      resolve(config, element, problems)
          .ifPresent(value -> filled.put(
              config.name,
              object.withContent(new Content(value.getBytes(StandardCharsets.UTF_8)))));
    }
    return filled;
  }

  private Optional<String> resolve(FileObjectConfig config, String element, Problems problems) {
    if (config.environment != null) {
      Optional<String> value = environment.apply(config.environment);
      if (value.isEmpty()) {
        problems.error(
            Origin.pom(element + "<environment>"),
            "environment variable " + config.environment
                + " is not set: set it for the Maven process (e.g. from the CI system's secret store), or name another"
                + " source");
      }
      return value;
    }
    if (config.property != null) {
      Optional<String> value = properties.apply(config.property);
      if (value.isEmpty()) {
        problems.error(
            Origin.pom(element + "<property>"),
            "Maven property " + config.property + " is not set: pass" + " -D" + config.property
                + "=... or define it in <properties> or a settings.xml profile");
      }
      return value;
    }
    return Optional.ofNullable(config.content);
  }

  private static List<String> sources(FileObjectConfig config, String item) {
    List<String> sources = new ArrayList<>();
    addIf(sources, config.file != null, "<file>");
    addIf(sources, config.environment != null, "<environment>");
    addIf(sources, config.property != null, "<property>");
    addIf(sources, config.content != null, "<content>");
    addIf(sources, item.equals("secret") && config.driver != null, "<driver>");
    addIf(sources, Boolean.TRUE.equals(config.external), "<external>");
    return sources;
  }

  private static void addIf(List<String> sources, boolean set, String element) {
    if (set) {
      sources.add(element);
    }
  }
}
