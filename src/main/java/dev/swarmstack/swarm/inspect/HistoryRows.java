package dev.swarmstack.swarm.inspect;

import dev.swarmstack.swarm.history.Provenance;
import dev.swarmstack.swarm.history.Revision;
import dev.swarmstack.swarm.history.StackHistory;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The rows of {@code swarm:history}: one per revision of the stack, oldest first. */
public final class HistoryRows {

  public static final List<String> COLUMNS =
      List.of("REVISION", "DEPLOYED", "OUTCOME", "VERSION", "COMMIT", "BY", "DESCRIPTION");

  /** Commits are shown as git shows them short. */
  private static final int SHORT_COMMIT = 12;

  private HistoryRows() {}

  /**
   * A revision; a revision whose config can't be read has only its number, config and problem.
   *
   * @param description what the table says about it: the services it changed, or which revision it rolled back to
   */
  public record HistoryRow(
      int revision,
      String time,
      String outcome,
      String project,
      String version,
      String commit,
      String user,
      String host,
      String plugin,
      List<String> changedServices,
      Integer restoredFrom,
      String description,
      String config,
      String problem) {

    public List<String> cells() {
      return problem.isEmpty()
          ? List.of(
              Integer.toString(revision),
              time,
              outcome,
              version,
              commit.substring(0, Math.min(SHORT_COMMIT, commit.length())),
              user + "@" + host,
              description)
          : List.of(Integer.toString(revision), "", "unreadable", "", "", "", problem);
    }
  }

  public static List<HistoryRow> of(List<StackHistory.Entry> entries) {
    return entries.stream().map(HistoryRows::row).toList();
  }

  private static HistoryRow row(StackHistory.Entry entry) {
    String config = entry.config().name();
    if (entry.revision().isEmpty()) {
      return new HistoryRow(
          entry.number(),
          "",
          "",
          "",
          "",
          "",
          "",
          "",
          "",
          List.of(),
          null,
          "",
          config,
          "config " + config + ": " + entry.problem());
    }
    Revision revision = entry.revision().get();
    Provenance provenance = revision.provenance();
    return new HistoryRow(
        revision.number(),
        revision.time().truncatedTo(ChronoUnit.SECONDS).toString(),
        revision.outcome().text(),
        provenance.project(),
        provenance.version(),
        provenance.commit(),
        provenance.user(),
        provenance.host(),
        provenance.plugin(),
        revision.changedServices(),
        revision.restoredFrom().isPresent() ? revision.restoredFrom().getAsInt() : null,
        revision.description(),
        config,
        "");
  }
}
