package dev.swarmstack.swarm.maven;

import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.lock.LockHolder;
import dev.swarmstack.swarm.lock.StackLock;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Breaks the stack's lock on purpose, when the build that holds it is stuck or gone and its lease has not run out.
 * It needs the lock's id, as printed by a build that waited for it, so that a lock taken since is not broken by
 * mistake (as {@code terraform force-unlock LOCK_ID}).
 */
@Mojo(name = "unlock", threadSafe = true, configurator = PomConfigurator.HINT)
public class UnlockMojo extends AbstractEngineMojo {

  /** Skips this goal. */
  @Parameter(property = PropertyNames.UNLOCK_SKIP, defaultValue = "false")
  private boolean skipUnlock;

  /** The id of the lock to break, from the message of a build that waited for it. */
  @Parameter(property = PropertyNames.LOCK_ID)
  private String lockId;

  @Override
  protected boolean skipGoal() {
    return skipUnlock;
  }

  @Override
  protected void run(SwarmEngine engine) throws MojoFailureException {
    StackLock lock = new StackLock(engine, deployLog());
    if (lockId == null || lockId.isBlank()) {
      String holder = lock.holder(stackName)
          .map(h -> "it is locked by " + h.describe())
          .orElse("it is not locked now");
      throw new MojoFailureException(
          "swarm:unlock needs the id of the lock to break: -D" + PropertyNames.LOCK_ID
              + "=<lock id>, as a build waiting for stack " + stackName + " printed it; " + holder);
    }
    LockHolder broken = lock.breakLock(stackName, lockId.trim());
    getLog()
        .warn("Broke the lock of stack " + stackName + " held by " + broken.describe()
            + ". If that build still runs, it may go on writing the stack");
  }
}
