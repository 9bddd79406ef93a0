package dev.swarmstack.swarm.maven;

import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.inspect.StackInspector;
import dev.swarmstack.swarm.inspect.StackInspector.ServiceRow;
import dev.swarmstack.swarm.inspect.Table;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Lists the stack's services like {@code docker stack services}; writes them to {@code target/swarm/<stack>-services.json}. */
@Mojo(name = "services", threadSafe = true, configurator = PomConfigurator.HINT)
public class ServicesMojo extends AbstractInspectMojo {

  /** The stack's name, as {@code swarm:deploy} gave it. */
  @Parameter(
      property = PropertyNames.STACK,
      defaultValue = "${project.artifactId}",
      required = true)
  private String stackName;

  /** Skips this goal. */
  @Parameter(property = PropertyNames.SERVICES_SKIP, defaultValue = "false")
  private boolean skipServices;

  @Override
  protected boolean skipGoal() {
    return skipServices;
  }

  @Override
  protected void run(SwarmEngine engine) throws IOException {
    List<ServiceRow> rows =
        new StackInspector(engine, Clock.systemUTC(), PomTerms.INSTANCE).services(stackName);
    if (rows.isEmpty()) {
      // as the CLI: an empty stack is not an error here
      getLog().info("Nothing found in stack: " + stackName);
    }
    report(
        Table.render(
            StackInspector.SERVICE_COLUMNS, rows.stream().map(ServiceRow::cells).toList()),
        rows,
        stackName + "-services.json");
  }
}
