package dev.swarmstack.swarm.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Map;
import java.util.SortedMap;

/**
 * A top-level secret or config. {@code file} is an absolute path once loaded (relative paths resolve
 * against the first compose file's directory, or the project's base directory for the pom).
 *
 * @param content the content when it comes from the pom instead of a file (environment variable, property, inline
 *     text); not part of compose, so never read from nor written to a stack file
 */
public record FileObject(
    String name,
    String file,
    Boolean external,
    SortedMap<String, String> labels,
    String driver,
    SortedMap<String, String> driverOpts,
    String templateDriver,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> extensions,
    @JsonIgnore Content content) {

  /** The same object with its content given in memory instead of by a file. */
  public FileObject withContent(Content newContent) {
    return new FileObject(
        name, null, external, labels, driver, driverOpts, templateDriver, extensions, newContent);
  }

  /** The same object under another engine name. */
  public FileObject withName(String newName) {
    return new FileObject(
        newName, file, external, labels, driver, driverOpts, templateDriver, extensions, content);
  }

  /** The same object reading its content from {@code path} instead of memory. */
  public FileObject withFile(String path) {
    return new FileObject(
        name, path, external, labels, driver, driverOpts, templateDriver, extensions, null);
  }
}
