package dev.swarmstack.swarm.capacity;

import dev.swarmstack.swarm.capacity.AddressSpace.Allocation;
import java.util.Optional;

/** Which network drivers take addresses from a subnet the count can know, and how they hand them out. */
public final class Drivers {

  private Drivers() {}

  /** @return empty for drivers without a subnet to count in (host, none, bridge, plugins) */
  public static Optional<Allocation> allocation(String driver) {
    return switch (driver == null || driver.isEmpty() ? "overlay" : driver) {
      case "overlay" -> Optional.of(Allocation.OVERLAY);
      case "macvlan", "ipvlan" -> Optional.of(Allocation.NODE_LOCAL);
      default -> Optional.empty();
    };
  }

  /**
   * Tasks that can run at once for a compose {@code deploy.mode} ({@code replicated} when null).
   *
   * @param replicas {@code deploy.replicas}, null for the default of one
   */
  public static long tasks(String mode, Long replicas, long nodes) {
    return switch (mode == null ? "replicated" : mode) {
      case "global", "global-job" -> nodes;
      default -> replicas == null ? 1 : Math.max(0, replicas);
    };
  }
}
