package dev.swarmstack.swarm.deploy;

import dev.swarmstack.swarm.deploy.DeployPlan.Kind;
import java.util.List;

/**
 * One line of a deploy plan.
 *
 * @param detail why, for updates and warnings (may be empty); never a secret value
 * @param fieldChanges for updates: one line per changed field ({@code replicas 2 -> 3}); never a secret value
 */
public record PlannedChange(
    Kind kind, String name, Change change, String detail, List<String> fieldChanges) {

  public PlannedChange {
    fieldChanges = List.copyOf(fieldChanges);
  }

  /** What deploying does to one object. */
  public enum Change {
    CREATE,
    UPDATE,
    UNCHANGED,
    REMOVE;

    /** As the plan prints it. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public boolean isWrite() {
    return change != Change.UNCHANGED;
  }

  /** The plan line, then one indented line per changed field. */
  public List<String> lines() {
    List<String> lines = new java.util.ArrayList<>();
    lines.add(toString());
    fieldChanges.forEach(field -> lines.add("            " + field));
    return lines;
  }

  @Override
  public String toString() {
    String line = String.format("%-9s %-7s %s", change.label(), kind.label(), name);
    return detail.isEmpty() ? line : line + " (" + detail + ")";
  }
}
