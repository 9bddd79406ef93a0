package dev.swarmstack.swarm.maven.config;

import java.util.Map;

/** A service's {@code deploy:} section, for those who prefer compose's nesting to the keys on {@code <service>}. */
public class DeployConfig extends DeployKeys {

  /** Labels on the service (not on its containers: those are {@code <service><labels>}). */
  Map<String, String> labels;
}
