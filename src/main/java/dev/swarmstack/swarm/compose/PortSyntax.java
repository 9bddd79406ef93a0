package dev.swarmstack.swarm.compose;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The short port syntax {@code [ip:][published[-end]:]target[-end][/protocol]} expanded to long-form
 * ports, one per port of a range, in the order docker/cli produces them (sorted as the text
 * {@code target/protocol}). A host IP cannot be honoured by swarm: it is dropped with the CLI's warning.
 */
final class PortSyntax {

  static final String EXPECTED =
      "use [ip:][published:]target[/protocol], e.g. 8080:80, 9090-9091:8080-8081 or 53:53/udp";

  private static final Pattern SPEC = Pattern.compile(
      "(?:(?<ip>\\[[^]]*]|[^:\\[\\]]*):)??(?:(?<published>[0-9]*(?:-[0-9]+)?):)?(?<target>[0-9]+(?:-[0-9]+)?)(?:/(?<protocol>tcp|udp|sctp))?");

  private PortSyntax() {}

  /**
   * @param warn receives the CLI's "ignoring IP-address" warning, once, for a spec with a host IP
   * @throws IllegalArgumentException with the expected form when {@code spec} is not a port
   */
  static List<ObjectNode> expand(String spec, Consumer<String> warn) {
    Matcher m = SPEC.matcher(spec.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("invalid port '" + spec + "': " + EXPECTED);
    }
    String protocol = m.group("protocol") == null ? "tcp" : m.group("protocol");
    int[] targets = range(m.group("target"), spec);
    String publishedText = m.group("published");
    int[] published =
        publishedText == null || publishedText.isEmpty() ? null : range(publishedText, spec);
    if (published != null && published.length != targets.length) {
      throw new IllegalArgumentException(
          "invalid port '" + spec
              + "': the published and target ranges must have the same length, e.g. 9090-9091:8080-8081");
    }
    String ip = m.group("ip");
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < targets.length; i++) {
      order.add(i);
    }
    // docker sorts the ports of one spec as the strings "8080/tcp"
    order.sort(Comparator.comparing(i -> targets[i] + "/" + protocol));
    List<ObjectNode> ports = new ArrayList<>();
    for (int i : order) {
      ObjectNode port = JsonNodeFactory.instance.objectNode();
      port.put("mode", "ingress");
      port.put("target", targets[i]);
      if (published != null && published[i] != 0) {
        port.put("published", published[i]);
      }
      port.put("protocol", protocol);
      ports.add(port);
    }
    if (ip != null && !ip.isEmpty()) {
      // the CLI's words, once for the spec: it says them once per port of a range (11 lines for
      // 5000-5010)
      warn.accept("ignoring IP-address (" + ip + ":" + (publishedText == null ? "" : publishedText)
          + ":" + m.group("target") + "/" + protocol + ") service will listen on '0.0.0.0'");
    }
    return ports;
  }

  private static int[] range(String text, String spec) {
    int dash = text.indexOf('-');
    int start = port(dash < 0 ? text : text.substring(0, dash), spec);
    int end = dash < 0 ? start : port(text.substring(dash + 1), spec);
    if (end < start) {
      throw new IllegalArgumentException(
          "invalid port '" + spec + "': a range must not end before it starts");
    }
    int[] ports = new int[end - start + 1];
    for (int i = 0; i < ports.length; i++) {
      ports[i] = start + i;
    }
    return ports;
  }

  private static int port(String text, String spec) {
    try {
      int port = Integer.parseInt(text);
      if (port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "invalid port '" + spec + "': ports are numbers from 0 to 65535; " + EXPECTED);
  }
}
