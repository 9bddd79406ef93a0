/**
 * The narrow interface the core uses to talk to a Docker engine. Objects travel as the Engine API's own
 * JSON ({@link com.fasterxml.jackson.databind.node.ObjectNode}), so that no field is lost between the spec
 * the core builds and what the engine stores. The only implementation lives in
 * {@code dev.swarmstack.swarm.docker}, which is the one package that imports docker-java.
 */
package dev.swarmstack.swarm.engine;
