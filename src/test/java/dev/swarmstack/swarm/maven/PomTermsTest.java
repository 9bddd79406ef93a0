package dev.swarmstack.swarm.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmstack.swarm.problem.Command;
import dev.swarmstack.swarm.problem.Setting;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PomTermsTest {

  private static final List<Class<?>> GOALS = List.of(
      DeployMojo.class,
      DiffMojo.class,
      GenerateMojo.class,
      LsMojo.class,
      NetworksMojo.class,
      NetworksRemoveMojo.class,
      PsMojo.class,
      RemoveMojo.class,
      ServicesMojo.class,
      UnlockMojo.class,
      ValidateMojo.class);

  private static final Pattern NAME = Pattern.compile("(swarm\\.\\S+) or <(\\w+)>");

  @Test
  void aSettingIsItsPropertyOrItsElement() {
    assertEquals(
        "swarm.rollback=false or <rollback>false</rollback>",
        PomTerms.INSTANCE.set(Setting.ROLLBACK, "false"));
    assertEquals(
        "swarm.lock.timeout or <lockTimeout>", PomTerms.INSTANCE.name(Setting.LOCK_TIMEOUT));
  }

  /** Both goals that reach ssh engines and the deploy goals' registry logins also read settings.xml. */
  @Test
  void credentialsMayAlsoComeFromSettingsXml() {
    assertEquals(
        "swarm.docker.ssh.passphrase or <sshPassphrase>, or a settings.xml <server> whose <id> is the"
            + " ssh host, with its <passphrase>",
        PomTerms.INSTANCE.name(Setting.SSH_PASSPHRASE));
    assertEquals(
        "a settings.xml <server> whose <id> is the registry's host",
        PomTerms.INSTANCE.name(Setting.REGISTRY_CREDENTIALS));
  }

  @Test
  void aCommandIsAGoal() {
    assertEquals("swarm:rm", PomTerms.INSTANCE.run(Command.RM));
    assertEquals("swarm:networks", PomTerms.INSTANCE.run(Command.NETWORKS));
  }

  /** A message must never send the user to a property or an element that no goal has. */
  @Test
  void everySettingNamesARealPropertyAndGoalParameter() throws IllegalAccessException {
    Set<String> properties = new HashSet<>();
    for (Field field : PropertyNames.class.getFields()) {
      properties.add((String) field.get(null));
    }
    Set<String> parameters =
        GOALS.stream().flatMap(PomTermsTest::fieldsUpTheHierarchy).collect(Collectors.toSet());
    for (Setting setting : Setting.values()) {
      if (setting == Setting.REGISTRY_CREDENTIALS) {
        continue; // settings.xml, not a goal parameter: see below
      }
      Matcher name = NAME.matcher(PomTerms.INSTANCE.name(setting));
      assertTrue(name.lookingAt(), PomTerms.INSTANCE.name(setting));
      assertTrue(properties.contains(name.group(1)), setting + ": " + name.group(1));
      assertTrue(parameters.contains(name.group(2)), setting + ": " + name.group(2));
    }
  }

  private static Stream<String> fieldsUpTheHierarchy(Class<?> goal) {
    Stream.Builder<String> names = Stream.builder();
    for (Class<?> type = goal; type != null; type = type.getSuperclass()) {
      Arrays.stream(type.getDeclaredFields()).map(Field::getName).forEach(names::add);
    }
    return names.build();
  }
}
