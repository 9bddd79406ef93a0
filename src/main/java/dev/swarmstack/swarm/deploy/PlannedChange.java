package dev.swarmstack.swarm.deploy;

/**
 * One line of a deploy plan.
 *
 * @param kind {@code network}, {@code secret}, {@code config} or {@code service}
 * @param detail why, for updates and warnings (may be empty); never a secret value
 */
public record PlannedChange(String kind, String name, Change change, String detail) {

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

  @Override
  public String toString() {
    String line = String.format("%-9s %-7s %s", change.label(), kind, name);
    return detail.isEmpty() ? line : line + " (" + detail + ")";
  }
}
