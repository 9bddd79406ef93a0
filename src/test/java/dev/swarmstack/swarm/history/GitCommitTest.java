package dev.swarmstack.swarm.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commit is read from the files git writes, in each layout a checkout can have. */
class GitCommitTest {

  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

  @TempDir
  Path work;

  @Test
  void aBranchWithALooseRefFromASubfolder() throws IOException {
    Path git = Files.createDirectories(work.resolve(".git/refs/heads"));
    Files.writeString(work.resolve(".git/HEAD"), "ref: refs/heads/main\n");
    Files.writeString(git.resolve("main"), COMMIT + "\n");

    assertEquals(Optional.of(COMMIT), GitCommit.of(Files.createDirectories(work.resolve("a/b"))));
  }

  @Test
  void aDetachedHeadAsCiCheckoutsHaveIt() throws IOException {
    Files.createDirectories(work.resolve(".git"));
    Files.writeString(work.resolve(".git/HEAD"), COMMIT + "\n");

    assertEquals(Optional.of(COMMIT), GitCommit.of(work));
  }

  @Test
  void aPackedRef() throws IOException {
    Files.createDirectories(work.resolve(".git"));
    Files.writeString(work.resolve(".git/HEAD"), "ref: refs/heads/release\n");
    Files.writeString(
        work.resolve(".git/packed-refs"),
        "# pack-refs with: peeled fully-peeled sorted\n" + COMMIT + " refs/heads/release\n");

    assertEquals(Optional.of(COMMIT), GitCommit.of(work));
  }

  @Test
  void aLinkedWorktreeSharesTheMainRepositorysRefs() throws IOException {
    Path main = Files.createDirectories(work.resolve("main/.git/refs/heads"));
    Files.writeString(main.resolve("feature"), COMMIT + "\n");
    Path linked = Files.createDirectories(work.resolve("main/.git/worktrees/wt"));
    Files.writeString(linked.resolve("HEAD"), "ref: refs/heads/feature\n");
    Files.writeString(linked.resolve("commondir"), "../..\n");
    Path tree = Files.createDirectories(work.resolve("wt"));
    Files.writeString(tree.resolve(".git"), "gitdir: " + linked + "\n");

    assertEquals(Optional.of(COMMIT), GitCommit.of(tree));
  }

  @Test
  void noGitAndABranchWithoutCommits() throws IOException {
    assertEquals(Optional.empty(), GitCommit.of(work));

    Files.createDirectories(work.resolve(".git"));
    Files.writeString(work.resolve(".git/HEAD"), "ref: refs/heads/main\n");
    assertEquals(Optional.empty(), GitCommit.of(work));
  }
}
