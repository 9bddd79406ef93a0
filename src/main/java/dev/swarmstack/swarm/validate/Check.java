package dev.swarmstack.swarm.validate;

/** One family of rules; reports every violation it finds instead of stopping at the first. */
interface Check {

  void run(Findings findings);
}
