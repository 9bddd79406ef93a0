package dev.swarmstack.swarm.problem;

/** Something a core message tells the user to run; {@link UserTerms} words it (a goal, a command line). */
public enum Command {
  RM,
  PS,
  UNLOCK,
  NETWORKS
}
