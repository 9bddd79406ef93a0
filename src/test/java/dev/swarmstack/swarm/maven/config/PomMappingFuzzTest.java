package dev.swarmstack.swarm.maven.config;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.swarmstack.swarm.compose.BoundedFuzzRun;
import dev.swarmstack.swarm.compose.FuzzInput;
import dev.swarmstack.swarm.compose.OddValues;
import dev.swarmstack.swarm.compose.SourceTree;
import dev.swarmstack.swarm.definition.StackDefinition;
import dev.swarmstack.swarm.definition.StackDefinitionLoader;
import dev.swarmstack.swarm.problem.Problems;
import dev.swarmstack.swarm.problem.StackException;
import dev.swarmstack.swarm.testing.RecordingLog;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Any pom configuration (the POJOs Maven fills from {@code <services>}, {@code <networks>}, ... with nulls,
 * negative numbers, empty strings, odd port strings) gets a problem report from mapping, loading and validating as
 * the goals do it, never another exception. The POJOs are filled field by field, so new settings are fuzzed too.
 */
class PomMappingFuzzTest {

  private static final int MAX_DEPTH = 4;

  private final Path baseDir;

  PomMappingFuzzTest() throws IOException {
    baseDir = Files.createTempDirectory("swarm-fuzz-pom");
    baseDir.toFile().deleteOnExit();
  }

  @Test
  void boundedRun() {
    BoundedFuzzRun.run("anyPomConfigurationGetsAProblemReport", 3000, this::mapLoadAndValidate);
  }

  @FuzzTest(maxExecutions = 4000, maxDuration = "15s")
  void anyPomConfigurationGetsAProblemReport(FuzzedDataProvider data) {
    mapLoadAndValidate(FuzzInput.of(data));
  }

  private void mapLoadAndValidate(FuzzInput data) {
    try {
      load(
          list(NetworkConfig.class, data, 0),
          list(ServiceConfig.class, data, 0),
          list(VolumeConfig.class, data, 0),
          list(FileObjectConfig.class, data, 0),
          list(FileObjectConfig.class, data, 0),
          list(NetworkConfig.class, data, 0));
    } catch (StackException reported) {
      // a problem report is the expected answer to bad configuration
    }
  }

  /** Found by scripts/fuzz.sh: a {@code <secret>} with nothing in it became a null entry that validation tripped on. */
  @Test
  void aSecretReferenceWithoutSourceIsReportedAsOne() {
    ServiceConfig api = new ServiceConfig();
    api.name = "api";
    api.image = "local/busybox:1";
    api.secrets = List.of(new FileReferenceConfig());
    StackException reported =
        assertThrows(StackException.class, () -> load(null, List.of(api), null, null, null, null));
    assertTrue(
        reported.getMessage().contains("service api mounts a secret without naming it"),
        reported.getMessage());
  }

  /** Maps, loads and validates as the goals do: shared networks, content filling and validation included. */
  private void load(
      List<NetworkConfig> networks,
      List<ServiceConfig> services,
      List<VolumeConfig> volumes,
      List<FileObjectConfig> secrets,
      List<FileObjectConfig> configs,
      List<NetworkConfig> sharedNetworks) {
    Problems mapping = new Problems();
    SourceTree pom =
        new PomStackMapper().map(networks, services, volumes, secrets, configs, mapping);
    ContentSources contents =
        new ContentSources(name -> Optional.empty(), name -> Optional.empty());
    new StackDefinitionLoader(new RecordingLog(new ArrayList<>()))
        .load(new StackDefinition(
            "fuzz",
            List.of(),
            pom,
            mapping.all(),
            baseDir,
            name -> Optional.empty(),
            (stack, problems) -> contents.apply(stack, secrets, configs, problems),
            SharedNetworkMapper.byName(sharedNetworks)));
  }

  private static <T> List<T> list(Class<T> type, FuzzInput data, int depth) {
    if (depth >= MAX_DEPTH || data.consumeInt(0, 4) == 0) {
      return null;
    }
    List<T> list = new ArrayList<>();
    int size = data.consumeInt(0, 3);
    for (int i = 0; i < size; i++) {
      list.add(type.cast(present(type, data, depth + 1))); // Maven fills no list with nulls
    }
    return list;
  }

  /** A value of {@code type} as Maven could set it: null, an odd scalar, or a POJO filled the same way. */
  private static Object value(Type type, FuzzInput data, int depth) {
    return data.consumeInt(0, 5) == 0 ? null : present(type, data, depth);
  }

  private static Object present(Type type, FuzzInput data, int depth) {
    if (type instanceof ParameterizedType generic) {
      Type[] arguments = generic.getActualTypeArguments();
      if (generic.getRawType() == List.class) {
        return list((Class<?>) arguments[0], data, depth);
      }
      Map<String, Object> map = new LinkedHashMap<>();
      int size = data.consumeInt(0, 3);
      for (int i = 0; i < size; i++) {
        map.put(OddValues.string(data), value(arguments[1], data, depth + 1));
      }
      return map;
    }
    Class<?> raw = (Class<?>) type;
    if (raw == String.class) {
      return OddValues.string(data);
    } else if (raw == Integer.class) {
      return OddValues.number(data).intValue();
    } else if (raw == Long.class) {
      return OddValues.number(data);
    } else if (raw == Double.class) {
      return data.consumeDouble();
    } else if (raw == Boolean.class) {
      return data.consumeBoolean();
    }
    return pojo(raw, data, depth);
  }

  private static Object pojo(Class<?> type, FuzzInput data, int depth) {
    try {
      Object pojo = type.getDeclaredConstructor().newInstance();
      for (Class<?> c = type; c != Object.class; c = c.getSuperclass()) {
        for (Field field : c.getDeclaredFields()) {
          if (Modifier.isStatic(field.getModifiers()) || Modifier.isFinal(field.getModifiers())) {
            continue;
          }
          field.setAccessible(true);
          Object value = depth >= MAX_DEPTH ? null : value(field.getGenericType(), data, depth + 1);
          if (value != null
              || field.get(pojo)
                  == null) { // a field Maven never leaves null (args) keeps its default
            field.set(pojo, value);
          }
        }
      }
      return pojo;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot fill " + type.getName() + " as Maven would", e);
    }
  }
}
