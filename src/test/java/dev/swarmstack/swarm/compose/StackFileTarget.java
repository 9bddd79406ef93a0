package dev.swarmstack.swarm.compose;

import dev.swarmstack.swarm.problem.StackException;
import dev.swarmstack.swarm.validate.StackValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the compose fuzz tests check: a compose file, whatever its bytes, is loaded and validated as the goals do
 * it, and comes out as a stack with a problems list (or a {@link StackException}); any other exception escapes to
 * the fuzzer as a finding. One file in a directory of its own, rewritten for each input.
 */
final class StackFileTarget {

  private final Path file;

  StackFileTarget() {
    try {
      file = Files.createTempDirectory("swarm-fuzz").resolve("docker-stack.yml");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    file.getParent().toFile().deleteOnExit();
    file.toFile().deleteOnExit();
  }

  void loadAndValidate(byte[] content) {
    try {
      Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      LoadedStack stack = new StackLoader(name -> Optional.empty())
          .loadLeniently(List.of(file), null, file.getParent());
      new StackValidator("fuzz").validate(stack);
    } catch (StackException reported) {
      // a problem report is the expected answer to bad input
    }
  }
}
