package dev.swarmstack.swarm.maven.config;

import java.util.List;

/** {@code placement}: which nodes may run the tasks. */
public class PlacementConfig {

  /** Constraints, e.g. {@code node.role==manager}, {@code node.labels.zone==a}. */
  List<String> constraints;

  /** Spread preferences, each {@code <preference><spread>node.labels.zone</spread></preference>} or {@code <preference>node.labels.zone</preference>}. */
  List<PreferenceConfig> preferences;

  /** At most this many tasks on one node ({@code max_replicas_per_node}). */
  Long maxReplicasPerNode;
}
