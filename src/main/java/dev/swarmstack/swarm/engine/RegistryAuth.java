package dev.swarmstack.swarm.engine;

/**
 * Credentials for one registry. {@link #toString()} never shows the password.
 *
 * @param serverAddress the registry host as it appears in image names ({@code registry.example.com:5000})
 */
public record RegistryAuth(String serverAddress, String username, String password) {

  /** A credential helper's way of handing over an identity token (an OAuth refresh token) instead of a password. */
  public boolean isIdentityToken() {
    return CredentialHelper.TOKEN_USER.equals(username);
  }

  @Override
  public String toString() {
    return "RegistryAuth[" + serverAddress + ", user " + username + "]";
  }
}
