package dev.swarmstack.swarm.compose;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;

/** The one place Jackson is configured for the stack model, so reading and writing agree. */
public final class ComposeMapper {

  private static final YAMLMapper YAML = configure(YAMLMapper.builder(YAMLFactory.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
          .stringQuotingChecker(new NumberQuotingChecker())
          .build()))
      .build();

  private static final JsonMapper JSON = configure(JsonMapper.builder()).build();

  private ComposeMapper() {}

  private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B configure(B builder) {
    return builder
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        // null map values mean something: `KEY: null` takes the deployer's environment, `net: null`
        // attaches
        .defaultPropertyInclusion(
            JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.ALWAYS));
  }

  /** For reading compose files and writing stack files. */
  public static YAMLMapper yaml() {
    return YAML;
  }

  /** For binding trees to the model and for tests that compare as data. */
  public static JsonMapper json() {
    return JSON;
  }

  /**
   * Quotes every string that a YAML reader could take for a number ({@code "3.13"}, {@code "0440"},
   * {@code "1e3"}, {@code ".inf"}), besides Jackson's reserved words: the CLI would otherwise read {@code version: 3.13} as a
   * float and refuse it. Errs on the side of quoting anything that starts like a number.
   */
  private static final class NumberQuotingChecker extends StringQuotingChecker.Default {

    private static final long serialVersionUID = 1L;

    @Override
    public boolean needToQuoteValue(String value) {
      return super.needToQuoteValue(value) || looksLikeYAMLNumber(value);
    }
  }
}
