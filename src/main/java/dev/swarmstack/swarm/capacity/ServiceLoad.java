package dev.swarmstack.swarm.capacity;

import java.util.Set;

/**
 * What one service takes from the networks it is on.
 *
 * @param name the service's name, for messages
 * @param networks engine names of its networks ({@code ingress} too when it publishes ports through the routing mesh)
 * @param virtualIp false for {@code endpoint_mode: dnsrr}, which gets no virtual IP on any network
 * @param tasks how many tasks can run at once: replicas; nodes for global services; max concurrent for jobs
 * @param otherStack true for a service already on the swarm outside the stack being deployed
 */
public record ServiceLoad(
    String name, Set<String> networks, boolean virtualIp, long tasks, boolean otherStack) {

  public ServiceLoad {
    networks = Set.copyOf(networks);
  }
}
