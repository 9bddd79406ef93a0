package dev.swarmstack.swarm.maven.config;

/** A placement preference; swarm knows only {@code spread}, so its value may be written alone. */
public class PreferenceConfig {

  /** Spread tasks evenly over the values of this node label, e.g. {@code node.labels.zone}. */
  String spread;

  /** Maven calls this for the short form. */
  public void set(String spread) {
    this.spread = spread;
  }
}
