package dev.swarmstack.swarm.deploy;

import java.util.Locale;

/** When to pin a service's image to the registry's digest ({@code docker stack deploy --resolve-image}). */
public enum ResolveImage {
  /** Every deploy asks the registry (the CLI's default). */
  ALWAYS,
  /** Only new services and services whose compose image changed; others keep their pinned image. */
  CHANGED,
  /** Never ask the registry; nodes resolve the tag themselves. */
  NEVER,
  /**
   * The images exactly as a stack's history recorded them, already pinned: a rollback deploys what ran then. Not a
   * user's choice, so {@link #parse} doesn't accept it.
   */
  RECORDED;

  /** @throws IllegalArgumentException naming the accepted values */
  public static ResolveImage parse(String value) {
    try {
      ResolveImage mode = valueOf(value.trim().toUpperCase(Locale.ROOT));
      if (mode != RECORDED) {
        return mode;
      }
    } catch (IllegalArgumentException e) {
      // named below
    }
    throw new IllegalArgumentException(
        "resolveImage is '" + value + "'; use always, changed or never");
  }
}
