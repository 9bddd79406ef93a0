package dev.swarmstack.swarm.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class against a multi-node swarm on this machine ({@code scripts/cluster.sh}): the
 * {@link SwarmCluster} is injected into constructors, {@code @BeforeAll}/{@code @BeforeEach} methods and tests.
 *
 * <p>A shared cluster (the default) is started by the first class that asks for its layout and torn down when the
 * test run ends; classes that share one must leave the nodes as they found them (labels, availability), must not
 * stop nodes, and lock {@link #NODES}. A class that stops, drains or relabels nodes for long asks for {@code shared = false}: it gets a
 * cluster of its own, torn down after its last test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(SwarmClusterExtension.class)
public @interface MultiNodeSwarm {

  /**
   * A {@code @ResourceLock} for the nodes of the shared clusters: classes that change them (drain, availability)
   * take it READ_WRITE, classes whose placement depends on them take it READ, so they never overlap.
   */
  String NODES = "dev.swarmstack.swarm.testing.shared-cluster-nodes";

  int managers() default 1;

  int workers() default 2;

  boolean shared() default true;
}
