package dev.swarmstack.swarm.convert;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.problem.Origin;
import java.util.Collections;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * A stack as the Engine API objects {@code docker stack deploy} would send, keyed by full (namespaced) name.
 *
 * @param networks NetworkCreateRequest bodies for the networks the services use, {@code <ns>_default} included
 *     when a service names no network
 * @param externalNetworks external networks that must exist before deploying (host, bridge, none and default
 *     always exist and are left out, as the CLI leaves them out)
 * @param secrets SecretSpec of every non-external top-level secret, used or not
 * @param configs ConfigSpec of every non-external top-level config, used or not
 * @param services ServiceSpec of every service; secret and config references carry names, not IDs yet: see
 *     {@link ServiceSpecs#withObjectIds}
 * @param networkOrigins where each network of {@code networks} and {@code externalNetworks} is declared, for
 *     errors found while planning (the implicit default network: the first service on it); may be incomplete
 */
public record ConvertedStack(
    SortedMap<String, ObjectNode> networks,
    SortedSet<String> externalNetworks,
    SortedMap<String, ObjectNode> secrets,
    SortedMap<String, ObjectNode> configs,
    SortedMap<String, ObjectNode> services,
    SortedMap<String, Origin> networkOrigins) {

  /** A stack whose networks' origins are unknown. */
  public ConvertedStack(SortedMap<String, ObjectNode> networks, SortedSet<String> externalNetworks,
      SortedMap<String, ObjectNode> secrets, SortedMap<String, ObjectNode> configs,
      SortedMap<String, ObjectNode> services) {
    this(networks, externalNetworks, secrets, configs, services, Collections.emptySortedMap());
  }

  /** Where the network is declared; {@link Origin#UNKNOWN} when not known. */
  public Origin networkOrigin(String name) {
    return networkOrigins.getOrDefault(name, Origin.UNKNOWN);
  }
}
