package dev.swarmstack.swarm.maven.config;

/** {@code credential_spec} (Windows gMSA): exactly one of the three. */
public class CredentialSpecConfig {

  /** Name of a swarm config holding the spec. */
  String config;

  /** Spec file name in the engine's CredentialSpecs directory. */
  String file;

  /** Registry value name holding the spec. */
  String registry;
}
