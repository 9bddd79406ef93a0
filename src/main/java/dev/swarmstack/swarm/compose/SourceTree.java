package dev.swarmstack.swarm.compose;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A compose document as a tree, before it is typed, with the origin of every node. Compose files and the
 * pom's definitions both become one of these, so that merging, interpolation and error reporting work the
 * same for both.
 */
public record SourceTree(ObjectNode root, SourceMap origins) {}
