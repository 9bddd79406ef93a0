package dev.swarmstack.swarm.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A versioned swarm object as the engine returned it.
 *
 * @param version {@code Version.Index}, needed to update it (0 for objects without one, such as networks)
 * @param spec the object's {@code Spec} (for a network: the inspect body itself)
 * @param raw the whole inspect body, for status fields such as {@code UpdateStatus}
 */
public record EngineObject(String id, String name, long version, ObjectNode spec, ObjectNode raw) {}
