/**
 * The stack model: a compose file as {@code docker stack config} normalises it.
 *
 * <p>Records mirror docker/cli's compose types, field for field and in the same order, so that Jackson
 * writes them in the order the CLI prints. Short syntaxes (ports {@code 8080:80}, volumes {@code a:/b:ro},
 * {@code 1m30s}, {@code 512M}) are expanded by the loader before a record is built: a record always holds
 * the long form. {@code null} means "not set" everywhere.
 */
package dev.swarmstack.swarm.model;
