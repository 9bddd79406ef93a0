package dev.swarmstack.swarm.maven;

import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.history.StackHistory;
import dev.swarmstack.swarm.inspect.HistoryRows;
import dev.swarmstack.swarm.inspect.HistoryRows.HistoryRow;
import dev.swarmstack.swarm.inspect.Table;
import java.io.IOException;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Lists the revisions of the stack's history, oldest first: number, time, outcome, version, commit, who deployed it
 * and what changed; writes them to {@code target/swarm/<stack>-history.json}. The history is kept in the swarm, so
 * any checkout, or none, sees the same.
 */
@Mojo(
    name = "history",
    requiresProject = false,
    threadSafe = true,
    configurator = PomConfigurator.HINT)
public class HistoryMojo extends AbstractInspectMojo {

  /** The stack's name, as {@code swarm:deploy} gave it. */
  @Parameter(
      property = PropertyNames.STACK,
      defaultValue = "${project.artifactId}",
      required = true)
  private String stackName;

  /** Skips this goal. */
  @Parameter(property = PropertyNames.HISTORY_SKIP, defaultValue = "false")
  private boolean skipHistory;

  @Override
  protected boolean skipGoal() {
    return skipHistory;
  }

  @Override
  protected void run(SwarmEngine engine) throws IOException, MojoFailureException {
    List<HistoryRow> rows = HistoryRows.of(new StackHistory(engine).entries(stackName));
    if (rows.isEmpty()) {
      getLog().info("Stack " + stackName + " has no history: no deploy of it has been recorded");
    }
    report(
        Table.render(HistoryRows.COLUMNS, rows.stream().map(HistoryRow::cells).toList()),
        rows,
        stackName + "-history.json");
  }
}
