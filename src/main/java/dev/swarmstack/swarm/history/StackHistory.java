package dev.swarmstack.swarm.history;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.convert.ConvertedStack;
import dev.swarmstack.swarm.engine.EngineException;
import dev.swarmstack.swarm.engine.EngineObject;
import dev.swarmstack.swarm.engine.SwarmEngine;
import dev.swarmstack.swarm.stack.StackLabels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.IntFunction;

/**
 * A stack's revisions, kept in the swarm itself: one config per revision, {@code <stack>.rev-<n>}, so that every
 * manager holds them (configs are raft-replicated and immutable) and any checkout or CI runner sees the same history.
 * They carry labels of their own, not the stack's namespace label, so that neither pruning nor
 * {@code docker stack rm} takes them for stack objects.
 */
public final class StackHistory {

  /** The stack a revision config belongs to. */
  public static final String STACK_LABEL = "dev.swarmstack.history.stack";

  /** The revision's number. */
  public static final String REVISION_LABEL = "dev.swarmstack.history.revision";

  /** The revision's outcome ({@link Revision.Outcome#text()}), readable without decoding the config. */
  public static final String OUTCOME_LABEL = "dev.swarmstack.history.outcome";

  /** Revisions kept when nothing else is asked for. */
  public static final int DEFAULT_MAX = 10;

  /** Attempts to take the next revision number when other deploys take it first. */
  private static final int NUMBERING_ATTEMPTS = 5;

  private final SwarmEngine engine;

  public StackHistory(SwarmEngine engine) {
    this.engine = engine;
  }

  /** A stored revision; {@code revision} is empty and {@code problem} says why when its config can't be read. */
  public record Entry(
      int number, Optional<Revision> revision, String problem, EngineObject config) {}

  /** {@code <stack>.rev-<n>}. */
  public static String configName(String namespace, int number) {
    return namespace + ".rev-" + number;
  }

  /** Every revision of the stack, oldest first; a config that can't be read is an entry with its problem. */
  public List<Entry> entries(String namespace) {
    return entriesOf(engine.listConfigs(Map.of(STACK_LABEL, namespace)), namespace);
  }

  /**
   * @throws HistoryException when the stack has no history, has no such revision, or its config can't be read
   */
  public Revision read(String namespace, int number) {
    List<Entry> entries = entries(namespace);
    Entry entry = entries.stream()
        .filter(candidate -> candidate.number() == number)
        .findFirst()
        .orElseThrow(() -> new HistoryException(
            entries.isEmpty()
                ? noHistory(namespace)
                : "stack " + namespace + " has no revision " + number + "; it has "
                    + numbers(entries)));
    return entry.revision().orElseThrow(() -> unreadable(namespace, entry));
  }

  /**
   * The newest revision older than the newest live one ({@link Revision#wentLive()}) that went live too: what a
   * rollback goes back to unless told otherwise.
   *
   * @throws HistoryException when there is none, or when a revision that decides it can't be read
   */
  public Revision previous(String namespace) {
    List<Entry> entries = entries(namespace);
    if (entries.isEmpty()) {
      throw new HistoryException(noHistory(namespace));
    }
    List<Revision> live = new ArrayList<>();
    for (int i = entries.size() - 1; i >= 0; i--) {
      Entry entry = entries.get(i);
      Revision revision = entry.revision().orElseThrow(() -> unreadable(namespace, entry));
      if (revision.wentLive()) {
        live.add(revision);
      }
      if (live.size() == 2) {
        return live.get(1);
      }
    }
    throw new HistoryException("stack " + namespace + " has no revision before the current one"
        + " to roll back to (it has " + numbers(entries) + "); name the revision to roll back to");
  }

  /**
   * Stores a revision under the next free number.
   *
   * @param numbered the revision to store, given its number
   * @return the revision as stored
   */
  Revision record(String namespace, IntFunction<Revision> numbered) {
    EngineException lastConflict = null;
    for (int attempt = 0; attempt < NUMBERING_ATTEMPTS; attempt++) {
      int next = entries(namespace).stream().mapToInt(Entry::number).max().orElse(0) + 1;
      Revision revision = numbered.apply(next);
      try {
        engine.createConfig(spec(namespace, revision));
        return revision;
      } catch (EngineException e) {
        if (e.status() != 409) {
          throw e;
        }
        lastConflict = e; // another deploy of the stack took that number: take the next
      }
    }
    throw lastConflict;
  }

  /**
   * Records a deploy of the stack as its next revision.
   *
   * @param deployed the stack as it was deployed
   * @param servicesAsDeployed every service's spec as deployed, images pinned
   * @param changedServices the services the deploy created, updated or removed
   * @return the revision as stored
   */
  public Revision recordDeploy(
      String namespace,
      Recording recording,
      Revision.Outcome outcome,
      ConvertedStack deployed,
      SortedMap<String, ObjectNode> servicesAsDeployed,
      List<String> changedServices) {
    ConvertedStack specs = RecordedStack.of(deployed, servicesAsDeployed);
    return record(
        namespace,
        number -> new Revision(
            number,
            Instant.now(),
            outcome,
            recording.provenance(),
            List.copyOf(changedServices),
            recording.restoredFrom(),
            specs));
  }

  /**
   * Removes the oldest revisions beyond {@code max}.
   *
   * @return the names the kept revisions use, and those only the removed ones used
   */
  public RevisionReferences trim(String namespace, int max) {
    List<Entry> entries = entries(namespace);
    int removed = Math.max(0, entries.size() - max);
    Set<String> released = new HashSet<>();
    for (Entry entry : entries.subList(0, removed)) {
      engine.removeConfig(entry.config().id());
      entry.revision().ifPresent(revision -> released.addAll(usedNames(revision)));
    }
    Set<String> kept = new HashSet<>();
    entries
        .subList(removed, entries.size())
        .forEach(entry -> entry.revision().ifPresent(revision -> kept.addAll(usedNames(revision))));
    released.removeAll(kept);
    return new RevisionReferences(kept, released);
  }

  /**
   * The names of the secrets and configs that the stack's stored revisions use, read from a listing of the swarm's
   * configs (which holds the revisions): those must stay while a revision may be rolled back to.
   */
  public static Set<String> referencedNames(Collection<EngineObject> configs, String namespace) {
    List<EngineObject> revisions = configs.stream()
        .filter(config -> namespace.equals(StackLabels.label(config, STACK_LABEL)))
        .toList();
    Set<String> names = new HashSet<>();
    entriesOf(revisions, namespace)
        .forEach(
            entry -> entry.revision().ifPresent(revision -> names.addAll(usedNames(revision))));
    return names;
  }

  /** The secrets and configs {@code revision} deploys. */
  public static Set<String> usedNames(Revision revision) {
    Set<String> names = new HashSet<>(revision.stack().secrets().keySet());
    names.addAll(revision.stack().configs().keySet());
    return names;
  }

  private static List<Entry> entriesOf(List<EngineObject> configs, String namespace) {
    return configs.stream()
        .map(config -> entry(config, namespace))
        .flatMap(Optional::stream)
        .sorted(Comparator.comparingInt(Entry::number))
        .toList();
  }

  /** Empty for a config that carries the label but not a revision number: not one of ours to read. */
  private static Optional<Entry> entry(EngineObject config, String namespace) {
    int number;
    try {
      number = Integer.parseInt(StackLabels.label(config, REVISION_LABEL));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    try {
      byte[] content = Base64.getDecoder().decode(config.spec().path("Data").asText(""));
      Revision revision = RevisionCodec.decode(content);
      if (revision.number() != number) {
        return Optional.of(new Entry(
            number,
            Optional.empty(),
            "it holds revision " + revision.number() + ", not " + number,
            config));
      }
      return Optional.of(new Entry(number, Optional.of(revision), "", config));
    } catch (IllegalArgumentException e) {
      return Optional.of(new Entry(number, Optional.empty(), e.getMessage(), config));
    }
  }

  private static ObjectNode spec(String namespace, Revision revision) {
    ObjectNode spec = JsonNodeFactory.instance.objectNode();
    spec.put("Name", configName(namespace, revision.number()));
    ObjectNode labels = spec.putObject("Labels");
    labels.put(STACK_LABEL, namespace);
    labels.put(REVISION_LABEL, Integer.toString(revision.number()));
    labels.put(OUTCOME_LABEL, revision.outcome().text());
    spec.put("Data", Base64.getEncoder().encodeToString(RevisionCodec.encode(namespace, revision)));
    return spec;
  }

  private static String noHistory(String namespace) {
    return "stack " + namespace
        + " has no history: no deploy of it has been recorded. Deploys record"
        + " one revision each, unless the history is switched off (a maximum of 0 revisions)";
  }

  private static HistoryException unreadable(String namespace, Entry entry) {
    return new HistoryException("revision " + entry.number() + " of stack " + namespace
        + " can't be read: config " + entry.config().name() + ": " + entry.problem()
        + ". It was changed or written by something else; remove it (docker config rm "
        + entry.config().name() + ") or roll back to another revision");
  }

  private static String numbers(List<Entry> entries) {
    return entries.size() == 1
        ? "only revision " + entries.get(0).number()
        : "revisions " + entries.get(0).number() + " to "
            + entries.get(entries.size() - 1).number();
  }
}
