package dev.swarmstack.swarm.watch;

import java.util.List;

/**
 * How a watch ended.
 *
 * @param services every watched service, in name order, as last seen
 * @param report when not converged: the failure report, one line per entry, ready to print; empty otherwise
 */
public record WatchResult(Outcome outcome, List<ServiceTracker> services, List<String> report) {

  public enum Outcome {
    CONVERGED,
    FAILED,
    TIMED_OUT,
    /** Another writer changed a service this deploy wrote: what converges now is theirs. */
    CHANGED_BY_OTHERS
  }

  public boolean converged() {
    return outcome == Outcome.CONVERGED;
  }

  /** The watched services that had not converged when the watch ended. */
  public List<String> notConverged() {
    return services.stream()
        .filter(service -> !service.isConverged())
        .map(ServiceTracker::name)
        .toList();
  }
}
