package dev.swarmstack.swarm.history;

import dev.swarmstack.swarm.stack.BuildIdentity;

/**
 * Where a revision came from: the build that deployed it.
 *
 * @param project the Maven coordinates ({@code groupId:artifactId}), or empty
 * @param version the project's version, or empty
 * @param commit the git commit of the work tree, or empty outside git
 * @param user the user who ran the build
 * @param host the machine it ran on
 * @param plugin this plugin's version
 */
public record Provenance(
    String project, String version, String commit, String user, String host, String plugin) {

  /** This build, run by this process's user on this machine. */
  public static Provenance ofThisBuild(
      String project, String version, String commit, String plugin) {
    return new Provenance(
        project, version, commit, BuildIdentity.user(), BuildIdentity.host(), plugin);
  }

  /** The same project, version and commit, as deployed again by this build: what a rollback records. */
  public Provenance redeployedBy(Provenance build) {
    return new Provenance(project, version, commit, build.user, build.host, build.plugin);
  }
}
