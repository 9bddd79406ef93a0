package dev.swarmstack.swarm.differential;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Names that only one test case may use on the engine at a time (a published port, a fixed network name, a
 * subnet), taken all at once or not at all, so that cases waiting for each other can't deadlock.
 */
final class ExclusiveNames {

  private final Set<String> held = new HashSet<>();

  /** Waits until none of {@code names} is held by another case, then holds them all. */
  synchronized void acquire(Collection<String> names) throws InterruptedException {
    while (names.stream().anyMatch(held::contains)) {
      wait();
    }
    held.addAll(names);
  }

  synchronized void release(Collection<String> names) {
    held.removeAll(names);
    notifyAll();
  }
}
