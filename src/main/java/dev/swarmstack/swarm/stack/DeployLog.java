package dev.swarmstack.swarm.stack;

import dev.swarmstack.swarm.problem.UserTerms;

/** Where the workflows report progress; the Maven layer writes it to Maven's log, tests collect it. */
public interface DeployLog {

  void info(String message);

  void warn(String message);

  /**
   * The terms of the user who reads this log, in which the workflow's messages name settings and commands: every
   * workflow already gets its reader's log, so the terms come with it.
   */
  default UserTerms terms() {
    return UserTerms.NEUTRAL;
  }
}
