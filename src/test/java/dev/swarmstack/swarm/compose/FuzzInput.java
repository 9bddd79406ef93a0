package dev.swarmstack.swarm.compose;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * The choices a fuzz target makes, from Jazzer's coverage-guided input ({@link #of}) or from a seeded random source
 * ({@link #random}) for the build's bounded run, which can't use Jazzer's provider without its agent.
 */
public interface FuzzInput {

  int consumeInt(int min, int max);

  long consumeLong();

  double consumeDouble();

  boolean consumeBoolean();

  String consumeString(int maxLength);

  byte[] consumeBytes(int maxLength);

  byte[] consumeRemainingAsBytes();

  int remainingBytes();

  default <T> T pickValue(List<T> values) {
    return values.get(consumeInt(0, values.size() - 1));
  }

  static FuzzInput of(FuzzedDataProvider data) {
    return new FuzzInput() {
      @Override
      public int consumeInt(int min, int max) {
        return data.consumeInt(min, max);
      }

      @Override
      public long consumeLong() {
        return data.consumeLong();
      }

      @Override
      public double consumeDouble() {
        return data.consumeDouble();
      }

      @Override
      public boolean consumeBoolean() {
        return data.consumeBoolean();
      }

      @Override
      public String consumeString(int maxLength) {
        return data.consumeString(maxLength);
      }

      @Override
      public byte[] consumeBytes(int maxLength) {
        return data.consumeBytes(maxLength);
      }

      @Override
      public byte[] consumeRemainingAsBytes() {
        return data.consumeRemainingAsBytes();
      }

      @Override
      public int remainingBytes() {
        return data.remainingBytes();
      }
    };
  }

  /** {@code length} bytes' worth of choices from {@code random}, each choice spending about what Jazzer's would. */
  static FuzzInput random(Random random, int length) {
    return new FuzzInput() {
      private int remaining = length;

      private void spend(int bytes) {
        remaining = Math.max(0, remaining - bytes);
      }

      @Override
      public int consumeInt(int min, int max) {
        spend(4);
        return min + (int) Math.floorMod(random.nextLong(), (long) max - min + 1);
      }

      @Override
      public long consumeLong() {
        spend(8);
        return random.nextLong();
      }

      @Override
      public double consumeDouble() {
        spend(8);
        return Double.longBitsToDouble(random.nextLong());
      }

      @Override
      public boolean consumeBoolean() {
        spend(1);
        return random.nextBoolean();
      }

      @Override
      public String consumeString(int maxLength) {
        byte[] bytes = consumeBytes(maxLength);
        return new String(
            bytes, StandardCharsets.UTF_8); // invalid sequences become U+FFFD, as Jazzer's do
      }

      @Override
      public byte[] consumeBytes(int maxLength) {
        byte[] bytes = new byte[Math.min(maxLength, random.nextInt(remaining + 1))];
        random.nextBytes(bytes);
        spend(bytes.length);
        return bytes;
      }

      @Override
      public byte[] consumeRemainingAsBytes() {
        return consumeBytes(remaining);
      }

      @Override
      public int remainingBytes() {
        return remaining;
      }
    };
  }
}
