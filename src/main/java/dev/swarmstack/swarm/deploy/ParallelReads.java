package dev.swarmstack.swarm.deploy;

import dev.swarmstack.swarm.engine.EngineException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Engine reads that don't depend on each other, sent at the same time: each waits mostly for the engine, and a
 * deploy's lists (every service of a large swarm) take long enough to matter. Closing it stops what is unread.
 */
final class ParallelReads implements AutoCloseable {

  private final ExecutorService readers = Executors.newCachedThreadPool(read -> {
    Thread thread = new Thread(read, "swarm-read");
    thread.setDaemon(true); // a read stuck past the engine's timeout must not keep Maven alive
    return thread;
  });

  <T> Future<T> start(Callable<T> read) {
    return readers.submit(read);
  }

  /** A read's answer, or its own failure as it was thrown (an unreachable engine stays one, for failover). */
  static <T> T result(Future<T> read) {
    try {
      return read.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new EngineException("reading the swarm: " + e.getCause().getMessage(), 0, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException("reading the swarm: interrupted", 0, e);
    }
  }

  @Override
  public void close() {
    readers.shutdownNow();
  }
}
