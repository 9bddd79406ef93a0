package dev.swarmstack.swarm.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.engine.EngineException;
import dev.swarmstack.swarm.engine.SwarmEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What went wrong, for people: per failing service the task, its node, state and the engine's error, and the last
 * lines of the failed task's log; then what had not converged.
 */
final class FailureReport {

  /** Task errors the engine words obscurely, each with what to do about it ({@code $1}: the pattern's group). */
  private static final List<Map.Entry<Pattern, String>> HINTS = List.of(
      Map.entry(
          Pattern.compile("failed to create the (macvlan|ipvlan) port"),
          "that node can't put containers on the $1 network: its kernel lacks $1 (modprobe $1) or the parent interface"
              + " named by the network's config-only network on that node is missing"),
      Map.entry(
          Pattern.compile("configuration network \"([^\"]+)\" does not exist"),
          "config-only networks are node-local: create $1 on that node too (docker -H <that node> network create"
              + " --config-only --subnet ... --ip-range <a range of its own> -o parent=<its interface> $1), or constrain"
              + " the service to the nodes that have it"));

  private final SwarmEngine engine;
  private final int logLines;

  FailureReport(SwarmEngine engine, int logLines) {
    this.engine = engine;
    this.logLines = logLines;
  }

  List<String> failed(List<ServiceTracker> services, SwarmNodes nodes) {
    List<String> lines = new ArrayList<>();
    for (ServiceTracker service : services) {
      if (service.isFailed()) {
        lines.add("service " + service.name() + " failed: " + service.verdict().progress());
        service.verdict().failedTasks().stream()
            .findFirst()
            .ifPresent(task -> describe(task, nodes, lines));
      }
    }
    lines.add(notConverged(services));
    nodesDown(nodes, lines);
    return lines;
  }

  static List<String> timedOut(List<ServiceTracker> services, String timeout, SwarmNodes nodes) {
    List<String> lines = new ArrayList<>();
    lines.add("timed out after " + timeout);
    for (ServiceTracker service : services) {
      if (!service.isConverged()) {
        lines.add("service " + service.name() + ": "
            + (service.shown().isEmpty() ? "not found" : service.shown()));
      }
    }
    lines.add(notConverged(services));
    nodesDown(nodes, lines);
    return lines;
  }

  /**
   * A lost node often explains the rest: its tasks no longer count, and a service only it may run can't be placed
   * ("no suitable node") until it is back.
   */
  private static void nodesDown(SwarmNodes nodes, List<String> lines) {
    if (!nodes.notLive().isEmpty()) {
      lines.add("node(s) not ready: " + String.join(", ", nodes.notLive())
          + " (their tasks don't count; what only they may run waits until they are back)");
    }
  }

  private void describe(ObjectNode task, SwarmNodes nodes, List<String> lines) {
    String slot = task.has("Slot") ? "." + task.path("Slot").asText() : "";
    lines.add("  task:  " + Tasks.id(task) + slot);
    lines.add("  node:  " + nodes.name(Tasks.nodeId(task)));
    lines.add("  state: " + Tasks.state(task));
    lines.add("  error: " + (Tasks.error(task).isEmpty() ? "(none given)" : Tasks.error(task)));
    for (Map.Entry<Pattern, String> hint : HINTS) {
      Matcher matcher = hint.getKey().matcher(Tasks.error(task));
      if (matcher.find()) {
        lines.add("  hint:  " + hint.getValue().replace("$1", matcher.group(1)));
      }
    }
    if (logLines <= 0) {
      return;
    }
    if (Tasks.nodeId(task).isEmpty()) {
      lines.add("  log:   (none: no node took the task)"); // the engine answers with an error frame
      // instead
      return;
    }
    try {
      List<String> log = engine.taskLogs(Tasks.id(task), logLines);
      lines.add(log.isEmpty() ? "  log:   (empty)" : "  log (last " + log.size() + " lines):");
      log.forEach(line -> lines.add("    | " + line));
    } catch (EngineException e) {
      lines.add("  log:   (none: " + e.getMessage() + ")");
    }
  }

  private static String notConverged(List<ServiceTracker> services) {
    List<String> names = services.stream()
        .filter(s -> !s.isConverged())
        .map(ServiceTracker::name)
        .toList();
    return names.isEmpty()
        ? "every other service converged"
        : "not converged: " + String.join(", ", names);
  }
}
