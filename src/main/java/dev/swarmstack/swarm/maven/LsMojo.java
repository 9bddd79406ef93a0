package dev.swarmstack.swarm.maven;

import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.inspect.StackInspector;
import dev.swarmstack.swarm.inspect.StackInspector.StackRow;
import dev.swarmstack.swarm.inspect.Table;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Lists every stack on the swarm like {@code docker stack ls}; writes them to {@code target/swarm/stacks.json}. Needs no
 * project, as the CLI: {@code mvn dev.swarmstack:swarm-maven-plugin:ls} works in any directory.
 */
@Mojo(name = "ls", requiresProject = false, threadSafe = true, configurator = PomConfigurator.HINT)
public class LsMojo extends AbstractInspectMojo {

  /** Skips this goal. */
  @Parameter(property = PropertyNames.LS_SKIP, defaultValue = "false")
  private boolean skipLs;

  @Override
  protected boolean skipGoal() {
    return skipLs;
  }

  @Override
  protected void run(SwarmEngine engine) throws IOException {
    List<StackRow> rows = new StackInspector(engine, Clock.systemUTC(), PomTerms.INSTANCE).stacks();
    report(
        Table.render(
            StackInspector.STACK_COLUMNS, rows.stream().map(StackRow::cells).toList()),
        rows,
        "stacks.json");
  }
}
