package dev.swarmstack.swarm.maven;

/**
 * Every user property the plugin reads ({@code -Dswarm.stack=shop} or {@code <properties>}), in one place so
 * that names stay consistent across goals and the documentation can list them.
 */
public final class PropertyNames {

  public static final String STACK = "swarm.stack";
  public static final String COMPOSE_FILES = "swarm.composeFiles";
  public static final String OUTPUT_FILE = "swarm.outputFile";
  public static final String ROTATE = "swarm.rotate";

  public static final String SKIP = "swarm.skip";
  public static final String GENERATE_SKIP = "swarm.generate.skip";
  public static final String VALIDATE_SKIP = "swarm.validate.skip";
  public static final String DEPLOY_SKIP = "swarm.deploy.skip";
  public static final String RM_SKIP = "swarm.rm.skip";
  public static final String SERVICES_SKIP = "swarm.services.skip";
  public static final String PS_SKIP = "swarm.ps.skip";
  public static final String LS_SKIP = "swarm.ls.skip";
  public static final String DIFF_SKIP = "swarm.diff.skip";
  public static final String DIFF_FAIL_ON_CHANGES = "swarm.diff.failOnChanges";
  public static final String NETWORKS_SKIP = "swarm.networks.skip";
  public static final String NETWORKS_RM_SKIP = "swarm.networks-rm.skip";
  public static final String UNLOCK_SKIP = "swarm.unlock.skip";
  public static final String HISTORY_SKIP = "swarm.history.skip";
  public static final String ROLLBACK_SKIP = "swarm.rollback.skip";
  public static final String NETWORKS_RECREATE = "swarm.networks.recreate";

  public static final String DOCKER_HOST = "swarm.docker.host";
  public static final String DOCKER_HOSTS = "swarm.docker.hosts";
  public static final String DOCKER_CERT_PATH = "swarm.docker.certPath";
  public static final String DOCKER_TIMEOUT = "swarm.docker.timeout";
  public static final String SSH_DIRECTORY = "swarm.docker.ssh.directory";
  public static final String SSH_PASSPHRASE = "swarm.docker.ssh.passphrase";
  public static final String RESOLVE_IMAGE = "swarm.resolveImage";
  public static final String PRUNE = "swarm.prune";
  public static final String PRUNE_ALL_SERVICES = "swarm.prune.allServices";
  public static final String DETACH = "swarm.detach";
  public static final String TIMEOUT = "swarm.timeout";
  public static final String ROLLBACK = "swarm.rollback";
  public static final String LOG_LINES = "swarm.logLines";
  public static final String RM_VOLUMES = "swarm.rm.volumes";
  public static final String LOCK = "swarm.lock";
  public static final String LOCK_TIMEOUT = "swarm.lock.timeout";
  public static final String LOCK_ID = "swarm.lock.id";
  public static final String HISTORY_MAX = "swarm.history.max";
  public static final String REVISION = "swarm.revision";
  public static final String RM_KEEP_HISTORY = "swarm.rm.keepHistory";

  private PropertyNames() {}
}
