package dev.swarmstack.swarm.maven;

import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.inspect.StackInspector;
import dev.swarmstack.swarm.inspect.StackInspector.TaskRow;
import dev.swarmstack.swarm.inspect.Table;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Lists the stack's tasks like {@code docker stack ps}; writes them to {@code target/swarm/<stack>-ps.json}. A stack
 * without tasks fails the build, as the CLI exits 1: asking for the tasks of a stack that isn't there is a mistake.
 */
@Mojo(name = "ps", threadSafe = true, configurator = PomConfigurator.HINT)
public class PsMojo extends AbstractInspectMojo {

  /** The stack's name, as {@code swarm:deploy} gave it. */
  @Parameter(
      property = PropertyNames.STACK,
      defaultValue = "${project.artifactId}",
      required = true)
  private String stackName;

  /** Skips this goal. */
  @Parameter(property = PropertyNames.PS_SKIP, defaultValue = "false")
  private boolean skipPs;

  @Override
  protected boolean skipGoal() {
    return skipPs;
  }

  @Override
  protected void run(SwarmEngine engine) throws IOException, MojoFailureException {
    List<TaskRow> rows =
        new StackInspector(engine, Clock.systemUTC(), PomTerms.INSTANCE).tasks(stackName);
    if (rows.isEmpty()) {
      throw new MojoFailureException("nothing found in stack: " + stackName);
    }
    report(
        Table.render(
            StackInspector.TASK_COLUMNS, rows.stream().map(TaskRow::cells).toList()),
        rows,
        stackName + "-ps.json");
  }
}
