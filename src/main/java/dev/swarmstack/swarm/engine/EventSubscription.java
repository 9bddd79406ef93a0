package dev.swarmstack.swarm.engine;

/** An open event stream; closing it stops the deliveries. */
@FunctionalInterface
public interface EventSubscription extends AutoCloseable {

  @Override
  void close();
}
