package dev.swarmstack.swarm.model;

import java.util.Arrays;

/**
 * A secret's or config's content held in memory, from a source a compose file can't name (an environment variable,
 * a Maven property, inline text in the pom). It is never serialised and never printed: {@link #toString()} hides it.
 */
public final class Content {

  private final byte[] bytes;

  public Content(byte[] bytes) {
    this.bytes = bytes.clone();
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Content content && Arrays.equals(bytes, content.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** Never the value: records that hold a content print this instead. */
  @Override
  public String toString() {
    return "<hidden>";
  }
}
