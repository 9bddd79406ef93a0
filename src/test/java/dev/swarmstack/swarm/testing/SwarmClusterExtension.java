package dev.swarmstack.swarm.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Starts the {@link SwarmCluster} a {@link MultiNodeSwarm} class asks for and injects it. JUnit closes what its
 * stores hold when their scope ends, failed or not: a shared cluster lives in the root store (the whole test run),
 * a private one in the class's store. A JVM shutdown hook tears down what is still up if the run is cut short, and
 * should the JVM be killed, {@code cluster.sh gc} (run by {@code scripts/engine-up.sh} and by every {@code up})
 * removes clusters whose owner process has gone.
 */
public final class SwarmClusterExtension implements BeforeAllCallback, ParameterResolver {

  private static final Namespace NAMESPACE = Namespace.create(SwarmClusterExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    cluster(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == SwarmCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return cluster(context);
  }

  private static SwarmCluster cluster(ExtensionContext context) {
    Class<?> testClass = context.getRequiredTestClass();
    MultiNodeSwarm layout = AnnotationSupport.findAnnotation(testClass, MultiNodeSwarm.class)
        .orElseThrow(
            () -> new IllegalStateException(testClass + " is not annotated with @MultiNodeSwarm"));
    Store store = layout.shared()
        ? context.getRoot().getStore(NAMESPACE)
        : classContext(context).getStore(NAMESPACE);
    String key = layout.shared()
        ? "shared " + layout.managers() + "/" + layout.workers()
        : "class " + testClass.getName();
    return store.getOrComputeIfAbsent(key, k -> new ClusterResource(layout), ClusterResource.class)
        .cluster;
  }

  /** The class's own context: where a private cluster lives, whether asked from a test method or the class. */
  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext current = context;
    while (current.getTestMethod().isPresent()) {
      current = current.getParent().orElseThrow();
    }
    return current;
  }

  /** Closed by JUnit when its store's scope ends. */
  private static final class ClusterResource implements AutoCloseable {

    final SwarmCluster cluster;
    private final Thread shutdownHook;

    ClusterResource(MultiNodeSwarm layout) {
      cluster = SwarmCluster.start(layout.managers(), layout.workers());
      shutdownHook = new Thread(cluster::close, "tear down " + cluster);
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    @Override
    public void close() {
      try {
        cluster.close();
      } finally {
        removeHook();
      }
    }

    private void removeHook() {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException alreadyShuttingDown) {
        // the hook is running or has run: nothing left to undo
      }
    }
  }
}
