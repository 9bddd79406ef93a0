package dev.swarmstack.swarm.convert;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.problem.Origin;
import java.util.Collections;
import java.util.Locale;
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
 * @param portOrigins where each published port is written, by {@link #portKey}, for errors found while planning;
 *     may be incomplete
 */
public record ConvertedStack(
    SortedMap<String, ObjectNode> networks,
    SortedSet<String> externalNetworks,
    SortedMap<String, ObjectNode> secrets,
    SortedMap<String, ObjectNode> configs,
    SortedMap<String, ObjectNode> services,
    SortedMap<String, Origin> networkOrigins,
    SortedMap<String, Origin> portOrigins) {

  /** A stack whose networks' and ports' origins are unknown. */
  public ConvertedStack(
      SortedMap<String, ObjectNode> networks,
      SortedSet<String> externalNetworks,
      SortedMap<String, ObjectNode> secrets,
      SortedMap<String, ObjectNode> configs,
      SortedMap<String, ObjectNode> services) {
    this(
        networks,
        externalNetworks,
        secrets,
        configs,
        services,
        Collections.emptySortedMap(),
        Collections.emptySortedMap());
  }

  /** The same stack with other service specs. */
  public ConvertedStack withServices(SortedMap<String, ObjectNode> otherServices) {
    return new ConvertedStack(
        networks, externalNetworks, secrets, configs, otherServices, networkOrigins, portOrigins);
  }

  /** {@code 8080/tcp}: a published port as the engine tells them apart; an unset protocol is tcp. */
  public static String publishedPort(long published, String protocol) {
    return published + "/"
        + (protocol == null || protocol.isEmpty() ? "tcp" : protocol.toLowerCase(Locale.ROOT));
  }

  /** Identifies a published port of a service in {@code portOrigins}. */
  public static String portKey(String service, long published, String protocol) {
    return service + " " + publishedPort(published, protocol);
  }

  /** Where the service publishes the port; {@link Origin#UNKNOWN} when not known. */
  public Origin portOrigin(String service, long published, String protocol) {
    return portOrigins.getOrDefault(portKey(service, published, protocol), Origin.UNKNOWN);
  }

  /** Where the network is declared; {@link Origin#UNKNOWN} when not known. */
  public Origin networkOrigin(String name) {
    return networkOrigins.getOrDefault(name, Origin.UNKNOWN);
  }
}
