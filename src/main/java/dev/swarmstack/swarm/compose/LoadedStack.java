package dev.swarmstack.swarm.compose;

import dev.swarmstack.swarm.model.ComposeFile;
import dev.swarmstack.swarm.problem.Problem;
import java.nio.file.Path;
import java.util.List;

/**
 * The merged, interpolated and normalised stack, with where each value came from and the warnings found
 * while loading (ignored keys, deprecated forms).
 *
 * @param workingDir the directory relative paths were resolved against
 */
public record LoadedStack(ComposeFile compose, SourceMap origins, List<Problem> warnings, Path workingDir) {}
