package dev.swarmstack.swarm.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.convert.ConvertedStack;
import dev.swarmstack.swarm.deploy.DeployPlan.Kind;
import dev.swarmstack.swarm.deploy.RolloutReport.Outcome;
import dev.swarmstack.swarm.engine.EngineException;
import dev.swarmstack.swarm.engine.EngineObject;
import dev.swarmstack.swarm.engine.EngineUnreachableException;
import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.history.Recording;
import dev.swarmstack.swarm.history.Revision;
import dev.swarmstack.swarm.history.RevisionReferences;
import dev.swarmstack.swarm.history.StackHistory;
import dev.swarmstack.swarm.problem.Command;
import dev.swarmstack.swarm.problem.Setting;
import dev.swarmstack.swarm.stack.DeployLog;
import dev.swarmstack.swarm.stack.StackLabels;
import dev.swarmstack.swarm.watch.Ownership;
import dev.swarmstack.swarm.watch.StackWatcher;
import dev.swarmstack.swarm.watch.WatchResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code swarm:deploy} from end to end: plan, record what the stack was, apply, wait until the whole stack has
 * converged, and when it fails, restore what it was and wait for that too. A failure ends in a
 * {@link DeployFailedException} that tells why the deploy failed and whether the rollback converged.
 */
public final class StackRollout {

  private final SwarmEngine engine;
  private final DeployLog log;

  public StackRollout(SwarmEngine engine, DeployLog log) {
    this.engine = engine;
    this.log = log;
  }

  /**
   * @param recording whether the deploy goes into the stack's history, which also keeps the secret and config
   *     versions its revisions use
   * @throws DeployFailedException when the stack did not converge (after the rollback, if on)
   */
  public RolloutReport deploy(
      String namespace,
      ConvertedStack stack,
      DeployOptions options,
      ConvergeOptions converge,
      Recording recording) {
    Deployer deployer = new Deployer(engine, log);
    Instant planning = Instant.now();
    DeployPlan plan = deployer.plan(namespace, stack, options);
    deployer.printPlan(plan);
    RolloutReport report = new RolloutReport(plan);
    StackSnapshot before = StackSnapshot.of(plan);
    Instant applying = Instant.now();
    report.time("plan", Duration.between(planning, applying));
    try {
      deployer.applyChanges(plan, options);
    } catch (EngineException e) {
      report.time("apply", Duration.between(applying, Instant.now()));
      report.failure.add("applying the plan failed: " + e.getMessage());
      throw fail(namespace, report, before, converge, recordingOf(plan, stack, recording))
          .causedBy(e);
    }
    Instant waiting = Instant.now();
    report.time("apply", Duration.between(applying, waiting));
    if (converge.detach()) {
      log.info("Not waiting for stack " + namespace + " to converge ("
          + log.terms().name(Setting.DETACH) + ")");
      RevisionReferences history =
          record(namespace, Revision.Outcome.DETACHED, plan, stack, recording);
      deployer.removePruned(plan, options);
      new VersionCleanup(engine, log).keep(namespace, stack, history);
      summarise(report, namespace, null);
      return report;
    }
    log.info("Waiting up to " + converge.timeout().toSeconds() + " s for "
        + stack.services().size() + " service(s) of stack " + namespace + " to converge");
    WatchResult watch;
    try {
      watch = watcher(converge)
          .owning(writtenServices(plan))
          .watch(namespace, stack.services().keySet(), applying);
    } catch (EngineException e) {
      report.time("converge", Duration.between(waiting, Instant.now()));
      report.failure.add(
          "lost the swarm manager while waiting for the stack to converge: " + e.getMessage());
      report.failure.add("the plan was applied; the swarm goes on rolling it out, unwatched");
      throw fail(namespace, report, before, converge, recordingOf(plan, stack, recording))
          .causedBy(e);
    }
    report.time("converge", Duration.between(waiting, Instant.now()));
    try {
      summarise(report, namespace, watch);
      report.table().forEach(log::info);
    } catch (EngineException e) {
      log.warn("No summary table: " + e.getMessage()); // the watch's outcome is the story, not this
    }
    if (watch.converged()) {
      report.outcome = Outcome.CONVERGED;
      log.info("Stack " + namespace + " converged in "
          + seconds(Duration.between(applying, Instant.now())));
      RevisionReferences history = afterConverging(
          namespace,
          "recording it in the stack's history",
          () -> record(namespace, Revision.Outcome.CONVERGED, plan, stack, recording));
      afterConverging(namespace, "removing what it no longer uses", () -> {
        deployer.removePruned(plan, options);
        new VersionCleanup(engine, log).removeUnused(namespace, stack, history);
        return null;
      });
      return report;
    }
    report.failure.addAll(watch.report());
    if (watch.outcome() == WatchResult.Outcome.CHANGED_BY_OTHERS) {
      throw fail(
          namespace,
          report,
          before,
          converge,
          Optional.of("no rollback: restoring the previous specs would"
              + " overwrite the other writer's change; the stack is left as it is now"),
          recordingOf(plan, stack, recording));
    }
    throw fail(namespace, report, before, converge, recordingOf(plan, stack, recording));
  }

  /**
   * Each service this deploy created or updated, read back right after the writes: the version and spec it is
   * watched for ({@link Ownership}).
   */
  private Ownership writtenServices(DeployPlan plan) {
    Map<String, EngineObject> written = new HashMap<>();
    plan.serviceWrites().forEach(write -> engine
        .inspectService(write.name())
        .ifPresent(service -> written.put(service.name(), service)));
    return new Ownership(written);
  }

  /** A step that fails after the stack converged fails the build, saying first that the stack did converge. */
  private static <T> T afterConverging(String namespace, String step, Supplier<T> work) {
    try {
      return work.get();
    } catch (EngineException e) {
      throw new EngineException(
          "stack " + namespace + " converged, but " + step + " failed: " + e.getMessage()
              + ". The next deploy does what is left",
          e.status(),
          e);
    }
  }

  /**
   * Records the deploy as the stack's next revision, unless it changed nothing, and drops the oldest beyond the
   * maximum. With recording off the history stays as it is, and what it uses stays too.
   */
  private RevisionReferences record(
      String namespace,
      Revision.Outcome outcome,
      DeployPlan plan,
      ConvertedStack stack,
      Recording recording) {
    StackHistory history = new StackHistory(engine);
    if (!recording.isOn()) {
      return history.trim(namespace, Integer.MAX_VALUE);
    }
    if (plan.writeCount() == 0) {
      log.info("No new revision of stack " + namespace + ": the deploy changed nothing");
    } else {
      recordRevision(history, namespace, outcome, plan, stack, recording);
    }
    return history.trim(namespace, recording.max());
  }

  /** A revision too large for a config is not recorded: the deploy itself went as it went. */
  private void recordRevision(
      StackHistory history,
      String namespace,
      Revision.Outcome outcome,
      DeployPlan plan,
      ConvertedStack stack,
      Recording recording) {
    try {
      Revision revision = history.recordDeploy(
          namespace,
          recording,
          outcome,
          stack,
          plan.servicesAsDeployed(),
          plan.changes().stream()
              .filter(change -> change.kind() == Kind.SERVICE && change.isWrite())
              .map(PlannedChange::name)
              .toList());
      log.info("Recorded revision " + revision.number() + " of stack " + namespace + " ("
          + revision.outcome().text() + ")");
    } catch (IllegalArgumentException tooLarge) {
      log.warn("No revision of stack " + namespace + " recorded: " + tooLarge.getMessage());
    }
  }

  /** What a failed deploy records, once its rollback converged: the attempt, for the record. */
  private Runnable recordingOf(DeployPlan plan, ConvertedStack stack, Recording recording) {
    return () -> record(plan.namespace(), Revision.Outcome.ROLLED_BACK, plan, stack, recording);
  }

  private DeployFailedException fail(
      String namespace,
      RolloutReport report,
      StackSnapshot before,
      ConvergeOptions converge,
      Runnable recordRolledBack) {
    return fail(namespace, report, before, converge, Optional.empty(), recordRolledBack);
  }

  /** @param noRollback why the stack must be left as it is, even with rollback on */
  private DeployFailedException fail(
      String namespace,
      RolloutReport report,
      StackSnapshot before,
      ConvergeOptions converge,
      Optional<String> noRollback,
      Runnable recordRolledBack) {
    List<String> story = new ArrayList<>();
    story.add("Deploy of stack " + namespace + " failed:");
    report.failure.forEach(line -> story.add("  " + line));
    story.forEach(log::warn);
    if (noRollback.isPresent()) {
      report.outcome = Outcome.FAILED;
      report.rollback.add(noRollback.get());
    } else if (!converge.rollback()) {
      report.outcome = Outcome.FAILED;
      report.rollback.add("no rollback (" + log.terms().set(Setting.ROLLBACK, "false")
          + "): the stack is left as the failed deploy made it");
    } else {
      unreachable()
          .ifPresentOrElse(
              reason -> {
                report.outcome = Outcome.FAILED;
                report.rollback.add(
                    "no rollback: " + reason + ". The stack is left as the failed deploy made it;"
                        + " check it through another manager (" + log.terms().run(Command.PS)
                        + " with " + log.terms().name(Setting.DOCKER_HOSTS) + ")");
              },
              () -> rollBackKeepingTheStory(namespace, report, before, converge));
    }
    if (report.outcome == Outcome.ROLLED_BACK) {
      try {
        recordRolledBack.run();
      } catch (EngineException e) {
        report.rollback.add("the failed deploy is not in the stack's history: " + e.getMessage());
      }
    }
    story.add("Rollback:");
    report.rollback.forEach(line -> story.add("  " + line));
    return new DeployFailedException(String.join("\n", story), report);
  }

  /**
   * The rollback's own failures (the manager lost again, midway) go below the deploy's story, never in its place: a
   * build that ends with "listing secrets: cannot reach the Docker engine" hides why the deploy failed.
   */
  private void rollBackKeepingTheStory(
      String namespace, RolloutReport report, StackSnapshot before, ConvergeOptions converge) {
    try {
      rollBack(namespace, report, before, converge);
    } catch (EngineException e) {
      report.outcome = Outcome.ROLLBACK_FAILED;
      report.rollback.add("the rollback stopped: " + e.getMessage());
      report.rollback.add("the stack is left part restored; deploy again once the manager answers");
    }
  }

  private void rollBack(
      String namespace, RolloutReport report, StackSnapshot before, ConvergeOptions converge) {
    log.info("Rolling stack " + namespace + " back to "
        + (before.isFirstDeploy()
            ? "nothing (this was its first deploy)"
            : "its state before this deploy"));
    Instant start = Instant.now();
    List<String> problems =
        new StackRollback(engine, log, converge.timeout()).restore(namespace, before);
    List<String> restored = java.util.stream.Stream.concat(
            before.updatedServices().stream(), before.prunedServices().stream())
        .map(EngineObject::name)
        .toList();
    WatchResult watch =
        restored.isEmpty() ? null : watcher(converge).watch(namespace, restored, start);
    report.time("rollback", Duration.between(start, Instant.now()));
    boolean converged = problems.isEmpty() && (watch == null || watch.converged());
    report.outcome = converged ? Outcome.ROLLED_BACK : Outcome.ROLLBACK_FAILED;
    if (converged) {
      report.rollback.add(
          before.isFirstDeploy()
              ? "rolled back to nothing: every object this deploy created is removed"
              : "rolled back: " + before.updatedServices().size()
                  + " service(s) restored to their previous spec, "
                  + before.prunedServices().size() + " pruned service(s) recreated, all converged; "
                  + before.newServices().size() + " new service(s) removed");
      return;
    }
    report.rollback.add("the rollback did not fully succeed; the stack needs attention");
    report.rollback.addAll(problems);
    if (watch != null && !watch.converged()) {
      report.rollback.addAll(watch.report());
    }
  }

  /** Why the manager can't be asked anything now, or empty when it answers: a rollback through it would only fail. */
  private Optional<String> unreachable() {
    try {
      engine.info();
      return Optional.empty();
    } catch (EngineUnreachableException e) {
      return Optional.of("the manager can't be reached (" + e.getMessage() + ")");
    } catch (EngineException answered) {
      return Optional
          .empty(); // it answered, if not as hoped: the rollback's own steps will report what fails
    }
  }

  private StackWatcher watcher(ConvergeOptions converge) {
    return new StackWatcher(engine, log::info, converge.timeout(), converge.logLines());
  }

  private void summarise(RolloutReport report, String namespace, WatchResult watch) {
    List<ObjectNode> services = engine.listServices(StackLabels.of(namespace)).stream()
        .map(EngineObject::raw)
        .sorted(java.util.Comparator.comparing(s -> s.path("Spec").path("Name").asText()))
        .toList();
    report.summarise(services, watch, namespace);
  }

  private static String seconds(Duration duration) {
    return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }
}
