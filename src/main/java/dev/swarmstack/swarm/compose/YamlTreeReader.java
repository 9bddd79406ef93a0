package dev.swarmstack.swarm.compose;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.swarmstack.swarm.problem.Origin;
import dev.swarmstack.swarm.problem.Problems;
import dev.swarmstack.swarm.problem.Setting;
import dev.swarmstack.swarm.problem.UserTerms;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.events.NodeEvent;

/**
 * Reads one compose file into a {@link SourceTree}, recording file:line:col for every node. The streaming
 * parser is used instead of {@code readTree} because only it knows where each token was; anchors, aliases
 * and merge keys ({@code <<: *defaults}) are resolved here, as docker's YAML reader resolves them.
 */
final class YamlTreeReader {

  private static final YAMLFactory FACTORY = new AnchorReportingFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String MERGE_KEY = "<<";
  /**
   * How many values aliases may add to one file, in all: far more than any real stack, far less than an alias bomb
   * (a billion-laughs file expands to 10^9 values, an OutOfMemoryError).
   */
  static final int MAX_ALIASED_VALUES = 100_000;

  private final Path file;
  private final Problems problems;
  private final UserTerms terms;
  private final SourceMap origins = new SourceMap();
  private final Map<String, Anchored> anchors = new HashMap<>();
  private int aliasedValues;

  private record Anchored(JsonNode node, JsonPointer at, int size) {}

  private YamlTreeReader(Path file, Problems problems, UserTerms terms) {
    this.file = file;
    this.problems = problems;
    this.terms = terms;
  }

  /** The file's tree, or empty after recording why it could not be read. */
  static Optional<SourceTree> read(Path file, Problems problems, UserTerms terms) {
    return new YamlTreeReader(file, problems, terms).read();
  }

  private Optional<SourceTree> read() {
    if (Files.isDirectory(
        file)) { // else the parser reports "invalid YAML: java.io.IOException: Is a directory"
      problems.error(
          new Origin(file.toString()),
          "this is a directory, not a compose file: name a file in "
              + terms.name(Setting.COMPOSE_FILES));
      return Optional.empty();
    }
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        JsonParser parser = FACTORY.createParser(reader)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        problems.error(
            Origin.file(file, 1, 1),
            "top-level object must be a mapping, and this file is empty"
                + " (or holds only comments): declare the stack's services in it, e.g. services: {web: {image: nginx}},"
                + " or leave the file out");
        return Optional.empty();
      }
      JsonNode root = readValue(parser, JsonPointer.empty());
      if (!root.isObject()) {
        problems.error(origin(parser.currentTokenLocation()), "top-level object must be a mapping");
        return Optional.empty();
      }
      return Optional.of(new SourceTree((ObjectNode) root, origins));
    } catch (JsonProcessingException e) {
      if (e.getCause() instanceof MarkedYAMLException yaml) {
        syntaxError(yaml);
      } else {
        problems.error(
            origin(e.getLocation()), "invalid YAML: " + firstLine(e.getOriginalMessage()));
      }
    } catch (NoSuchFileException e) {
      problems.error(
          new Origin(file.toString()),
          "compose file not found: fix the path in " + terms.name(Setting.COMPOSE_FILES)
              + " (a relative"
              + " path starts at the project's base directory)");
    } catch (IOException e) {
      problems.error(new Origin(file.toString()), "cannot read compose file: " + e.getMessage());
    }
    return Optional.empty();
  }

  private JsonNode readValue(JsonParser parser, JsonPointer at) throws IOException {
    JsonToken token = parser.currentToken();
    origins.put(at, origin(parser.currentTokenLocation()));
    AnchorReportingParser yaml = (AnchorReportingParser) parser;
    if (yaml.isCurrentAlias()) {
      return alias(parser.getText(), at);
    }
    String anchor = yaml.anchor();
    JsonNode node = readPlain(parser, token, at);
    if (anchor != null) {
      anchors.put(anchor, new Anchored(node, at, size(node)));
    }
    return node;
  }

  /** {@code *name}: a copy of the anchored node, traced to where the anchor's content was written. */
  private JsonNode alias(String name, JsonPointer at) {
    Anchored anchored = anchors.get(name);
    if (anchored == null) {
      problems.error(
          origins.at(at),
          "unknown anchor '" + name + "': define it with &" + name + " before using *" + name);
      return NODES.nullNode();
    }
    if (aliasedValues > MAX_ALIASED_VALUES) {
      return NODES.nullNode(); // reported once, at the alias that went past the limit
    }
    aliasedValues += anchored.size();
    if (aliasedValues > MAX_ALIASED_VALUES) {
      problems.error(
          origins.at(at),
          "the aliases in this file expand to more than " + MAX_ALIASED_VALUES
              + " values (an alias bomb?): refer to fewer anchors, or write the values out");
      return NODES.nullNode();
    }
    origins.copyUnder(origins, anchored.at(), at);
    return anchored.node().deepCopy();
  }

  private static int size(JsonNode node) {
    int size = 1;
    for (JsonNode child : node) {
      size += size(child);
    }
    return size;
  }

  private JsonNode readPlain(JsonParser parser, JsonToken token, JsonPointer at)
      throws IOException {
    return switch (token) {
      case START_OBJECT -> readObject(parser, at);
      case START_ARRAY -> readArray(parser, at);
      case VALUE_STRING -> NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT -> integer(parser);
      case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
      case VALUE_TRUE, VALUE_FALSE -> NODES.booleanNode(parser.getBooleanValue());
      case VALUE_NULL -> NODES.nullNode();
      default -> NODES.textNode(parser.getText());
    };
  }

  private static JsonNode integer(JsonParser parser) throws IOException {
    return switch (parser.getNumberType()) {
      case INT -> NODES.numberNode(parser.getIntValue());
      case LONG -> NODES.numberNode(parser.getLongValue());
      default -> NODES.numberNode(parser.getBigIntegerValue());
    };
  }

  private ObjectNode readObject(JsonParser parser, JsonPointer at) throws IOException {
    ObjectNode object = NODES.objectNode();
    JsonNode merged = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      Origin keyOrigin = origin(parser.currentTokenLocation());
      JsonPointer child = at.appendProperty(key);
      parser.nextToken();
      JsonNode value = readValue(parser, child);
      if (key.equals(MERGE_KEY)) {
        merged = value;
        continue;
      }
      if (object.has(key)) {
        problems.error(
            keyOrigin,
            "mapping key \"" + key + "\" already defined at " + origins.keyAt(child)
                + ": remove one of them");
      }
      origins.putKey(child, keyOrigin);
      if (value.isContainerNode()) {
        // a nested block starts on the next line: its key is the better place to point at
        origins.put(child, keyOrigin);
      }
      object.set(key, value);
    }
    if (merged != null) {
      merge(object, merged, at);
    }
    return object;
  }

  /**
   * The merge key {@code <<: *base} (or {@code <<: [*a, *b]}): entries of the merged mappings that the
   * mapping does not set itself, the first merged mapping winning, as YAML 1.1 defines it.
   */
  private void merge(ObjectNode object, JsonNode merged, JsonPointer at) {
    JsonPointer mergeAt = at.appendProperty(MERGE_KEY);
    boolean single = merged.isObject();
    List<JsonNode> sources = new ArrayList<>();
    (single ? List.of(merged) : merged).forEach(sources::add);
    for (int i = 0; i < sources.size(); i++) {
      JsonPointer source = single ? mergeAt : mergeAt.appendIndex(i);
      if (!sources.get(i).isObject()) {
        problems.error(
            origins.at(source),
            "a merge key (<<) takes a mapping or a list of mappings, e.g. <<: *defaults");
        continue;
      }
      sources.get(i).properties().forEach(e -> {
        if (!object.has(e.getKey())) {
          object.set(e.getKey(), e.getValue());
          origins.copyUnder(
              origins, source.appendProperty(e.getKey()), at.appendProperty(e.getKey()));
        }
      });
    }
    origins.removeUnder(mergeAt);
  }

  private ArrayNode readArray(JsonParser parser, JsonPointer at) throws IOException {
    ArrayNode array = NODES.arrayNode();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      array.add(readValue(parser, at.appendIndex(array.size())));
    }
    return array;
  }

  private Origin origin(JsonLocation location) {
    return location == null
        ? new Origin(file.toString())
        : Origin.file(file, location.getLineNr(), location.getColumnNr());
  }

  /**
   * The parser's context (what it was reading, and where that began) and its problem (what it found, and where):
   * "while scanning a quoted scalar" alone does not say that the closing quote is missing.
   */
  private void syntaxError(MarkedYAMLException e) {
    Mark problemAt = e.getProblemMark();
    if (e.getContext() == null || e.getContextMark() == null) {
      problems.error(at(problemAt), "invalid YAML: " + e.getProblem());
      return;
    }
    problems.error(
        at(e.getContextMark()),
        "invalid YAML: " + e.getContext() + ": " + e.getProblem() + " (at "
            + (problemAt.getLine() + 1) + ":" + (problemAt.getColumn() + 1) + ")");
  }

  /** SnakeYAML counts lines and columns from 0. */
  private Origin at(Mark mark) {
    return Origin.file(file, mark.getLine() + 1, mark.getColumn() + 1);
  }

  /**
   * Jackson's {@code getObjectId()} reports the anchors of mappings and sequences but not of scalars
   * ({@code POSTGRES_DB: &db authelia}), which compose files use; the parser's last YAML event has them all.
   */
  private static final class AnchorReportingParser extends YAMLParser {

    AnchorReportingParser(
        IOContext context,
        int parserFeatures,
        int yamlFeatures,
        LoaderOptions options,
        ObjectCodec codec,
        Reader reader) {
      super(context, parserFeatures, yamlFeatures, options, codec, reader);
    }

    /** The anchor ({@code &name}) of the current value, or null. */
    String anchor() {
      return _lastEvent instanceof NodeEvent node ? node.getAnchor() : null;
    }
  }

  private static final class AnchorReportingFactory extends YAMLFactory {

    @Override
    protected YAMLParser _createParser(Reader reader, IOContext context) {
      return new AnchorReportingParser(
          context, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec, reader);
    }
  }

  private static String firstLine(String message) {
    String text = message == null ? "" : message.strip();
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
