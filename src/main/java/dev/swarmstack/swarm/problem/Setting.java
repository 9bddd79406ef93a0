package dev.swarmstack.swarm.problem;

/**
 * A setting that a core message asks the user to change, named by what it means: the core doesn't know whether the
 * user sets it in a pom, with a property or on a command line. {@link UserTerms} words it.
 */
public enum Setting {
  ROTATE,
  DETACH,
  ROLLBACK,
  TIMEOUT,
  LOCK,
  LOCK_TIMEOUT,
  PRUNE_ALL_SERVICES,
  NETWORKS_RECREATE,
  DOCKER_HOST,
  DOCKER_HOSTS,
  SSH_PASSPHRASE,
  REGISTRY_CREDENTIALS,
  COMPOSE_FILES
}
