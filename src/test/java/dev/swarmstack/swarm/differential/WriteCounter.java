package dev.swarmstack.swarm.differential;

import dev.swarmstack.swarm.engine.SwarmEngine;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

/**
 * Wraps the real engine and records every call that writes to the swarm: the {@link SwarmEngine} methods named
 * {@code create*}, {@code update*} and {@code remove*}. Reads pass through unrecorded.
 */
final class WriteCounter {

  private final List<String> writes = new ArrayList<>();
  private final SwarmEngine engine;

  WriteCounter(SwarmEngine real) {
    engine = (SwarmEngine) Proxy.newProxyInstance(
        SwarmEngine.class.getClassLoader(),
        new Class<?>[] {SwarmEngine.class},
        (proxy, method, args) -> {
          if (method.getName().matches("(create|update|remove)[A-Z].*")) {
            synchronized (writes) {
              writes.add(method.getName());
            }
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  SwarmEngine engine() {
    return engine;
  }

  List<String> writes() {
    synchronized (writes) {
      return List.copyOf(writes);
    }
  }

  void reset() {
    synchronized (writes) {
      writes.clear();
    }
  }
}
