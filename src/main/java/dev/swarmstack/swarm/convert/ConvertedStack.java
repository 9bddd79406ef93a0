package dev.swarmstack.swarm.convert;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.SortedMap;
import java.util.SortedSet;

/** TEMPORARY stub of the agreed converter API, replaced by the convert branch on merge. */
public record ConvertedStack(
    SortedMap<String, ObjectNode> networks,
    SortedSet<String> externalNetworks,
    SortedMap<String, ObjectNode> secrets,
    SortedMap<String, ObjectNode> configs,
    SortedMap<String, ObjectNode> services) {}
