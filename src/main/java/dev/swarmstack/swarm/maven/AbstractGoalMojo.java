package dev.swarmstack.swarm.maven;

import dev.swarmstack.swarm.engine.EngineException;
import dev.swarmstack.swarm.history.HistoryException;
import dev.swarmstack.swarm.lock.LockException;
import dev.swarmstack.swarm.problem.Problem;
import dev.swarmstack.swarm.problem.StackException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every goal shares: the skip switch, the pom mistakes {@link PomConfigurator} found, and turning core failures
 * into Maven's two kinds: the user's configuration is wrong ({@link MojoFailureException}, every problem listed) or
 * the build could not run ({@link MojoExecutionException}: engine or file system). Only the goals that use the stack
 * definition extend {@link AbstractSwarmMojo}, so that the others' help lists just what they use.
 */
public abstract class AbstractGoalMojo extends AbstractMojo implements PomConfigurator.Target {

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  protected MavenProject project;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  protected MavenSession session;

  /** Skips every goal of this plugin. */
  @Parameter(property = PropertyNames.SKIP, defaultValue = "false")
  private boolean skip;

  private PomConfigurator.Report configuration = PomConfigurator.Report.NONE;

  @Override
  public void configured(PomConfigurator.Report report) {
    this.configuration = report;
  }

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    UnknownProperties.warnings(session.getUserProperties()).forEach(getLog()::warn);
    if (skip || skipGoal()) {
      getLog()
          .info(
              "Skipping: " + (skip ? PropertyNames.SKIP : "the goal's skip parameter") + " is set");
      return;
    }
    try {
      if (!configuration.errors().isEmpty()) {
        List<Problem> all = new ArrayList<>(configuration.errors());
        all.addAll(definitionErrors());
        throw new StackException(all);
      }
      doExecute();
    } catch (StackException e) {
      throw new MojoFailureException(StackException.describe(e.problems()));
    } catch (LockException | HistoryException e) {
      throw new MojoFailureException(e.getMessage());
    } catch (EngineException e) {
      throw new MojoExecutionException("Docker engine: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
  }

  /** The goal's own skip parameter ({@code swarm.<goal>.skip}). */
  protected abstract boolean skipGoal();

  protected abstract void doExecute()
      throws MojoExecutionException, MojoFailureException, IOException;

  /**
   * The errors of the rest of the goal's configuration, reported together with the pom mistakes (which stop the goal
   * before it runs), so that one build shows them all.
   */
  protected List<Problem> definitionErrors() {
    return List.of();
  }

  /** Where {@code parameter}'s value came from, for messages: {@code -Dswarm.docker.host}, {@code <dockerHost>}, ... */
  protected String sourceOf(String parameter) {
    return configuration.sourceOf(parameter);
  }
}
