package dev.swarmstack.swarm.maven;

import dev.swarmstack.swarm.compose.ComposeWriter;
import dev.swarmstack.swarm.model.ComposeFile;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Validates the stack and writes it as one compose file that {@code docker stack deploy -c} accepts, attached
 * to the build as {@code <artifactId>-<version>-stack.yml} so it is installed and deployed with the project.
 * Contents the pom gives in memory (environment variable, property, inline) are written to owner-only files
 * under {@code target/swarm/<stack>-contents/}, which the stack file names with {@code file:}.
 */
@Mojo(
    name = "generate",
    defaultPhase = LifecyclePhase.PACKAGE,
    threadSafe = true,
    configurator = PomConfigurator.HINT)
public class GenerateMojo extends AbstractSwarmMojo {

  static final String ARTIFACT_TYPE = "yml";
  static final String CLASSIFIER = "stack";

  /** The stack file to write. Default: <code>${project.build.directory}/swarm/&lt;stackName&gt;.yml</code>. */
  @Parameter(property = PropertyNames.OUTPUT_FILE)
  private File outputFile;

  /** Skips this goal. */
  @Parameter(property = PropertyNames.GENERATE_SKIP, defaultValue = "false")
  private boolean skipGenerate;

  @Inject
  private MavenProjectHelper projectHelper;

  @Override
  protected boolean skipGoal() {
    return skipGenerate;
  }

  @Override
  protected void doExecute() throws IOException {
    Path output = outputFile != null
        ? outputFile.toPath()
        : Path.of(project.getBuild().getDirectory(), "swarm", stackName + ".yml");
    // rotated names as deploy gives them, so `docker stack deploy -c` of the file creates the same
    // objects
    ComposeFile deployed = converter().deployedNames(loadStack());
    Path contents = Path.of(project.getBuild().getDirectory(), "swarm", stackName + "-contents");
    String yaml = ComposeWriter.write(new ContentFiles(contents).materialise(deployed));
    Files.createDirectories(output.toAbsolutePath().getParent());
    Files.writeString(output, yaml, StandardCharsets.UTF_8);
    projectHelper.attachArtifact(project, ARTIFACT_TYPE, CLASSIFIER, output.toFile());
    getLog().info("Wrote stack '" + stackName + "' to " + output);
  }
}
