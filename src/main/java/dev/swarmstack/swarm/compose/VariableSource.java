package dev.swarmstack.swarm.compose;

import java.util.Optional;

/** Values for {@code ${VAR}} interpolation. The Maven layer chains -D properties, project properties and the environment. */
@FunctionalInterface
public interface VariableSource {

  Optional<String> lookup(String name);

  /** This source, then {@code fallback} for names this one doesn't know. */
  default VariableSource orElse(VariableSource fallback) {
    return name -> lookup(name).or(() -> fallback.lookup(name));
  }
}
