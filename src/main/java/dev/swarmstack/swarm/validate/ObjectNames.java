package dev.swarmstack.swarm.validate;

/** The name an object gets in the swarm, as {@code docker stack deploy} derives it. */
final class ObjectNames {

  private ObjectNames() {}

  /** {@code name:} if given; else the key for an external object; else {@code <stack>_<key>}. */
  static String effective(String stackName, String key, String name, Boolean external) {
    if (name != null) {
      return name;
    }
    return Boolean.TRUE.equals(external) ? key : stackName + "_" + key;
  }
}
