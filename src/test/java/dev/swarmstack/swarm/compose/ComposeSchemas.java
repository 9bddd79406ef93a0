package dev.swarmstack.swarm.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Format;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.swarmstack.swarm.model.GoDuration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** docker/cli's compose schemas from the shared test data, as validators. */
final class ComposeSchemas {

  private static final Map<Integer, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

  // "duration" is Go's syntax in these schemas, not ISO 8601: check it as the CLI does
  private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.builder(
          JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4))
      .metaSchema(JsonMetaSchema.builder(JsonMetaSchema.getV4())
          .format(new GoDurationFormat())
          .build())
      .build();

  private ComposeSchemas() {}

  static Path sharedDir() {
    return Path.of(System.getProperty("swarm.sharedDir", "../shared"));
  }

  /** The schema violations of {@code document} against {@code config_schema_v3.<minor>.json}; empty = valid. */
  static List<String> violations(JsonNode document, int minor) {
    return SCHEMAS.computeIfAbsent(minor, ComposeSchemas::load).validate(document).stream()
        .map(ValidationMessage::getMessage)
        .sorted()
        .toList();
  }

  private static final class GoDurationFormat implements Format {

    @Override
    public String getName() {
      return "duration";
    }

    @Override
    public boolean matches(ExecutionContext context, String value) {
      try {
        GoDuration.parse(value);
        return true;
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
  }

  private static JsonSchema load(int minor) {
    Path file = sharedDir().resolve("compose-schema/config_schema_v3." + minor + ".json");
    try {
      ObjectNode schema = (ObjectNode) ComposeMapper.json().readTree(file.toFile());
      // the schemas carry a relative "id" that the validator would try to resolve as a base URI
      schema.remove("id");
      return FACTORY.getSchema(schema);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
