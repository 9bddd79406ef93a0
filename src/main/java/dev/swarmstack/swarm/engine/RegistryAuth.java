package dev.swarmstack.swarm.engine;

/**
 * Credentials for one registry. {@link #toString()} never shows the password.
 *
 * @param serverAddress the registry host as it appears in image names ({@code registry.example.com:5000})
 */
public record RegistryAuth(String serverAddress, String username, String password) {

  @Override
  public String toString() {
    return "RegistryAuth[" + serverAddress + ", user " + username + "]";
  }
}
