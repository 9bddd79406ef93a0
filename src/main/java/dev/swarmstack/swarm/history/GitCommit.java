package dev.swarmstack.swarm.history;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The commit a git work tree has checked out, read from its {@code .git} files rather than by running git, which a
 * build machine need not have. Follows {@code .git} files (worktrees, submodules) and packed refs.
 */
public final class GitCommit {

  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}([0-9a-f]{24})?");
  private static final String REF_PREFIX = "ref: ";

  private GitCommit() {}

  /** @return empty outside a git work tree, or when HEAD names a branch without commits */
  public static Optional<String> of(Path directory) {
    try {
      for (Path folder = directory.toAbsolutePath(); folder != null; folder = folder.getParent()) {
        Path dotGit = folder.resolve(".git");
        if (Files.isDirectory(dotGit)) {
          return head(dotGit);
        }
        if (Files.isRegularFile(dotGit)) {
          String pointer = read(dotGit);
          return pointer.startsWith("gitdir: ")
              ? head(folder.resolve(pointer.substring("gitdir: ".length())))
              : Optional.empty();
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // a provenance detail, not worth failing a deploy for
    }
  }

  private static Optional<String> head(Path gitDir) throws IOException {
    String head = read(gitDir.resolve("HEAD"));
    if (!head.startsWith(REF_PREFIX)) {
      return commit(head);
    }
    String ref = head.substring(REF_PREFIX.length());
    // a linked worktree keeps its HEAD but shares the refs of the main repository
    Path commonDir = Files.isRegularFile(gitDir.resolve("commondir"))
        ? gitDir.resolve(read(gitDir.resolve("commondir"))).normalize()
        : gitDir;
    for (Path refs : new Path[] {gitDir, commonDir}) {
      Path loose = refs.resolve(ref);
      if (Files.isRegularFile(loose)) {
        return commit(read(loose));
      }
    }
    Path packed = commonDir.resolve("packed-refs");
    if (!Files.isRegularFile(packed)) {
      return Optional.empty();
    }
    return Files.readAllLines(packed, StandardCharsets.UTF_8).stream()
        .filter(line -> line.endsWith(" " + ref))
        .map(line -> line.substring(0, line.indexOf(' ')))
        .flatMap(hash -> commit(hash).stream())
        .findFirst();
  }

  private static Optional<String> commit(String text) {
    return COMMIT.matcher(text).matches() ? Optional.of(text) : Optional.empty();
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8).trim();
  }
}
