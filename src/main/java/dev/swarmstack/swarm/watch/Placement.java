package dev.swarmstack.swarm.watch;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a node is one the swarm would place a service's tasks on, by the service's {@code Placement}: its
 * constraints as swarmkit matches them (keys and values case-insensitive, label names not; a missing attribute reads
 * as empty; an unknown key matches no node) and its platforms. Used to name the nodes a global service is left without,
 * which a node that is down no longer shows through tasks.
 */
final class Placement {

  private static final String NODE_LABELS = "node.labels.";
  private static final String ENGINE_LABELS = "engine.labels.";
  private static final Pattern IP_LITERAL =
      Pattern.compile("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

  private Placement() {}

  /** @param placement {@code Spec.TaskTemplate.Placement}; @param node a node as {@code GET /nodes} lists it */
  static boolean admits(JsonNode placement, JsonNode node) {
    for (JsonNode constraint : placement.path("Constraints")) {
      if (!satisfies(constraint.asText(), node)) {
        return false;
      }
    }
    return onPlatform(placement.path("Platforms"), node.path("Description").path("Platform"));
  }

  private static boolean satisfies(String constraint, JsonNode node) {
    boolean equal = constraint.contains("==");
    String[] parts = constraint.split(equal ? "==" : "!=", 2);
    if (parts.length < 2) {
      return false;
    }
    String key = parts[0].strip().toLowerCase(Locale.ROOT);
    String expected = parts[1].strip();
    if (key.equals("node.ip")) {
      return ipMatches(expected, node.path("Status").path("Addr").asText(""), equal);
    }
    String actual;
    if (key.equals("node.id")) {
      actual = node.path("ID").asText("");
    } else if (key.equals("node.hostname")) {
      actual = node.path("Description").path("Hostname").asText("");
    } else if (key.equals("node.role")) {
      actual = node.path("Spec").path("Role").asText("");
    } else if (key.equals("node.platform.os")) {
      actual = node.path("Description").path("Platform").path("OS").asText("");
    } else if (key.equals("node.platform.arch")) {
      actual = node.path("Description").path("Platform").path("Architecture").asText("");
    } else if (key.startsWith(NODE_LABELS) && key.length() > NODE_LABELS.length()) {
      actual = node.path("Spec")
          .path("Labels")
          .path(labelName(parts[0], NODE_LABELS))
          .asText("");
    } else if (key.startsWith(ENGINE_LABELS) && key.length() > ENGINE_LABELS.length()) {
      actual = node.path("Description")
          .path("Engine")
          .path("Labels")
          .path(labelName(parts[0], ENGINE_LABELS))
          .asText("");
    } else {
      return false;
    }
    return expected.equalsIgnoreCase(actual) == equal;
  }

  /** The label as written: swarmkit matches the prefix in any case, the label's own name exactly. */
  private static String labelName(String key, String prefix) {
    return key.strip().substring(prefix.length());
  }

  /** An address or a CIDR subnet; anything else matches no node, as in swarmkit. */
  private static boolean ipMatches(String expected, String nodeAddress, boolean equal) {
    String[] cidr = expected.split("/", 2);
    if (!IP_LITERAL.matcher(cidr[0]).matches() || nodeAddress.isEmpty()) {
      return false;
    }
    try {
      byte[] subnet = InetAddress.getByName(cidr[0]).getAddress();
      byte[] address = InetAddress.getByName(nodeAddress).getAddress();
      int bits = cidr.length == 2 ? Integer.parseInt(cidr[1]) : subnet.length * 8;
      if (subnet.length != address.length || bits < 0 || bits > subnet.length * 8) {
        return false;
      }
      return prefix(subnet, bits).equals(prefix(address, bits)) == equal;
    } catch (UnknownHostException | NumberFormatException e) {
      return false;
    }
  }

  private static BigInteger prefix(byte[] address, int bits) {
    return new BigInteger(1, address).shiftRight(address.length * 8 - bits);
  }

  /** No platforms: any node. Otherwise one whose OS and architecture (each when given) match the node's. */
  private static boolean onPlatform(JsonNode platforms, JsonNode nodePlatform) {
    if (platforms.isEmpty()) {
      return true;
    }
    String os = nodePlatform.path("OS").asText("");
    String architecture = architecture(nodePlatform.path("Architecture").asText(""));
    for (JsonNode platform : platforms) {
      String wantedOs = platform.path("OS").asText("");
      String wantedArchitecture = architecture(platform.path("Architecture").asText(""));
      if ((wantedOs.isEmpty() || wantedOs.equalsIgnoreCase(os))
          && (wantedArchitecture.isEmpty() || wantedArchitecture.equalsIgnoreCase(architecture))) {
        return true;
      }
    }
    return false;
  }

  /** Nodes report the kernel's name for the architecture, images Go's. */
  private static String architecture(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "x86_64", "x86-64" -> "amd64";
      case "aarch64" -> "arm64";
      default -> name;
    };
  }
}
