package dev.swarmstack.swarm.stack;

/** Where the workflows report progress; the Maven layer writes it to Maven's log, tests collect it. */
public interface DeployLog {

  void info(String message);

  void warn(String message);
}
