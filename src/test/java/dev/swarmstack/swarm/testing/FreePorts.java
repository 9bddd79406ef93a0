package dev.swarmstack.swarm.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/**
 * Ports an engine test can publish: no service on the engine publishes them (another test's, the example stack's,
 * another build's) and nothing on this host listens on them, for TCP or UDP. Each is handed out once per JVM, so
 * tests running side by side don't get the same one. They are picked at random between 20000 and 29999: below the
 * swarm's range for ports it assigns itself (30000-32767) and the kernel's ephemeral ports (32768 and up), and
 * above the ports examples and well-known services use.
 */
public final class FreePorts {

  private static final int LOWEST = 20_000;
  private static final int HIGHEST = 29_999;
  private static final int ATTEMPTS = 200;
  private static final Set<Integer> HANDED_OUT = new HashSet<>();
  /** Both ends of a service's ports: the ones the swarm assigned (ingress) and the ones its spec asks for (host). */
  private static final String PUBLISHED_PORTS =
      "{{range .Endpoint.Ports}}{{.PublishedPort}} {{end}}"
          + "{{range .Spec.EndpointSpec.Ports}}{{.PublishedPort}} {{end}}";

  private FreePorts() {}

  /** One free port. */
  public static int one() {
    return block(1);
  }

  /** The first of {@code count} consecutive free ports, for a range such as {@code "8001-8003:81-83"}. */
  public static synchronized int block(int count) {
    Set<Integer> published = publishedOnTheEngine();
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      int first = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST - count + 2);
      List<Integer> ports = IntStream.range(first, first + count).boxed().toList();
      if (ports.stream().noneMatch(port -> HANDED_OUT.contains(port) || published.contains(port))
          && ports.stream().allMatch(FreePorts::nothingListens)) {
        HANDED_OUT.addAll(ports);
        return first;
      }
    }
    throw new IllegalStateException("no " + count + " consecutive free ports between " + LOWEST
        + " and " + HIGHEST + " in " + ATTEMPTS + " attempts");
  }

  /**
   * {@code count} consecutive free ports as variables for a compose file: {@code <prefix>1} is the first,
   * {@code <prefix>2} the next, and so on.
   */
  public static Map<String, String> variables(String prefix, int count) {
    int first = block(count);
    Map<String, String> variables = new TreeMap<>();
    for (int i = 0; i < count; i++) {
      variables.put(prefix + (i + 1), Integer.toString(first + i));
    }
    return variables;
  }

  private static Set<Integer> publishedOnTheEngine() {
    Cli docker = Cli.docker();
    List<String> inspect =
        new ArrayList<>(List.of("service", "inspect", "--format", PUBLISHED_PORTS));
    docker.ok("service", "ls", "-q").lines().filter(id -> !id.isBlank()).forEach(inspect::add);
    if (inspect.size() == 4) {
      return Set.of();
    }
    // not ok(): a service removed since the listing fails the inspect, and the others are printed
    // all the same
    Set<Integer> ports = new HashSet<>();
    for (String port : docker.run(inspect.toArray(String[]::new)).stdout().split("\\s+")) {
      if (!port.isBlank()) {
        ports.add(Integer.parseInt(port));
      }
    }
    return ports;
  }

  private static boolean nothingListens(int port) {
    try (ServerSocket tcp = new ServerSocket(port);
        DatagramSocket udp = new DatagramSocket(port)) {
      return true;
    } catch (IOException taken) {
      return false;
    }
  }
}
