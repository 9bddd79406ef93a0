package dev.swarmstack.swarm.maven;

import dev.swarmstack.swarm.engine.SwarmEngine;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/**
 * The engine connection, made on a thread of its own while the goal does the work that needs no engine (loading
 * and converting the stack). In the cold JVM of a build both take seconds, mostly loading classes, and neither
 * waits for the other.
 */
final class ConnectingEngine {

  private final FutureTask<SwarmEngine> connection;

  private ConnectingEngine(FutureTask<SwarmEngine> connection) {
    this.connection = connection;
  }

  static ConnectingEngine start(EngineTarget target) {
    FutureTask<SwarmEngine> connection = new FutureTask<>(target::connect);
    Thread thread = new Thread(connection, "swarm-connect");
    thread.setDaemon(true); // a connection stuck past its timeout must not keep Maven alive
    thread.start();
    return new ConnectingEngine(connection);
  }

  /** The connected engine, or the connection's own failure, as if it had been made on the goal's thread. */
  SwarmEngine engine() throws MojoFailureException, MojoExecutionException {
    try {
      return connection.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MojoExecutionException("Interrupted while connecting to the Docker engine", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof MojoFailureException failure) {
        throw failure;
      }
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new MojoExecutionException(e.getCause().getMessage(), e.getCause());
    }
  }

  /**
   * After the goal's own work failed: throws the connection's failure, which goals reported first when they
   * connected before doing anything else; otherwise closes the engine, unused.
   */
  void abandon() throws MojoFailureException, MojoExecutionException {
    engine().close();
  }
}
