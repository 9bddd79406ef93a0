package dev.swarmstack.swarm.compose;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Any bytes as a compose file get a problem report, never another exception. The input either is raw bytes, or
 * edits a real stack file at byte level (overwrite, insert, cut), which keeps most of it valid YAML.
 */
class ComposeBytesFuzzTest {

  private final StackFileTarget target = new StackFileTarget();

  @Test
  void boundedRun() {
    BoundedFuzzRun.run("anyBytesGetAProblemReport", 3000, this::loadAsComposeFile);
  }

  @FuzzTest(maxExecutions = 4000, maxDuration = "15s")
  void anyBytesGetAProblemReport(FuzzedDataProvider data) {
    loadAsComposeFile(FuzzInput.of(data));
  }

  private void loadAsComposeFile(FuzzInput data) {
    List<byte[]> seeds = FuzzSeeds.all();
    int pick = data.consumeInt(0, seeds.size());
    byte[] content =
        pick == seeds.size() ? data.consumeRemainingAsBytes() : edit(seeds.get(pick), data);
    target.loadAndValidate(content);
  }

  private static byte[] edit(byte[] seed, FuzzInput data) {
    byte[] content = seed.clone();
    int edits = data.consumeInt(1, 8);
    for (int i = 0; i < edits && data.remainingBytes() > 0; i++) {
      int at = data.consumeInt(0, content.length);
      byte[] bytes = data.consumeBytes(data.consumeInt(0, 16));
      int cut =
          switch (data.consumeInt(0, 2)) {
            case 0 -> 0; // insert
            case 1 -> Math.min(bytes.length, content.length - at); // overwrite
            default -> Math.min(data.consumeInt(0, 64), content.length - at); // cut, then insert
          };
      byte[] edited = new byte[content.length - cut + bytes.length];
      System.arraycopy(content, 0, edited, 0, at);
      System.arraycopy(bytes, 0, edited, at, bytes.length);
      System.arraycopy(content, at + cut, edited, at + bytes.length, content.length - at - cut);
      content = edited;
    }
    return content;
  }
}
