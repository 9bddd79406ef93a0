package dev.swarmstack.swarm.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swarmstack.swarm.problem.Problem;
import java.io.File;
import java.io.StringReader;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Properties;
import org.codehaus.plexus.classworlds.ClassWorld;
import org.codehaus.plexus.classworlds.realm.ClassRealm;
import org.codehaus.plexus.component.configurator.ConfigurationListener;
import org.codehaus.plexus.component.configurator.expression.ExpressionEvaluator;
import org.codehaus.plexus.configuration.PlexusConfiguration;
import org.codehaus.plexus.configuration.xml.XmlPlexusConfiguration;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;
import org.junit.jupiter.api.Test;

/** Pom mistakes explained at their element, and -D overrides, as Maven's configuration step goes through them. */
class PomConfiguratorTest {

  private final Properties userProperties = new Properties();

  @Test
  void everyUnknownElementAndWrongTypeIsExplainedAtItsElementAndTheRestIsBound() throws Exception {
    ValidateMojo goal = new ValidateMojo();
    PomConfigurator.Report report = configure(goal, """
        <configuration>
          <stackName>shop</stackName>
          <services>
            <service><name>api</name><image>local/busybox:1</image><replica>3</replica></service>
            <service>
              <name>web</name>
              <replicas>two</replicas>
              <ports><port><target>eighty</target><published>8080</published></port></ports>
              <healthcheck><intervall>5s</intervall></healthcheck>
              <frobnicate>yes</frobnicate>
            </service>
          </services>
        </configuration>""");

    assertEquals(
        List.of(
            "<services><service>api</service><replica>: unknown element <replica>: did you mean <replicas>?",
            "<services><service>web</service><replicas>: 'two' is not a whole number: write it in digits,"
                + " e.g. <replicas>3</replicas>",
            "<services><service>web</service><ports>[1]<target>: 'eighty' is not a whole number: write it in digits,"
                + " e.g. <target>3</target>",
            "<services><service>web</service><healthcheck><intervall>: unknown element <intervall>: did you mean"
                + " <interval>?",
            "<services><service>web</service><frobnicate>: unknown element <frobnicate>: remove it, or check that it is"
                + " nested in the right element"),
        report.errors().stream().map(Problem::toString).toList());
    assertEquals("shop", goal.stackName);
    assertEquals(
        2,
        ((List<?>) field(goal, "services")).size(),
        "the services are bound without the bad elements");
  }

  @Test
  void aPomWithoutMistakesHasNoErrors() throws Exception {
    PomConfigurator.Report report = configure(new ValidateMojo(), """
        <configuration><services><service><name>api</name><replicas>3</replicas></service></services></configuration>""");

    assertEquals(List.of(), report.errors());
  }

  @Test
  void theOverridingPropertiesWinOverThePom() throws Exception {
    userProperties.setProperty(PropertyNames.STACK, "staging");
    userProperties.setProperty(PropertyNames.COMPOSE_FILES, "a.yml,b.yml");
    userProperties.setProperty(PropertyNames.DETACH, "false");
    userProperties.setProperty(PropertyNames.DOCKER_HOST, "tcp://staging:2375");
    DeployMojo goal = new DeployMojo();
    PomConfigurator.Report report = configure(goal, """
        <configuration>
          <stackName>production</stackName>
          <composeFiles><composeFile>prod.yml</composeFile></composeFiles>
          <detach>true</detach>
          <dockerHost>tcp://production:2375</dockerHost>
          <logLines>7</logLines>
        </configuration>""");

    assertEquals("staging", goal.stackName);
    assertEquals(List.of(new File("a.yml"), new File("b.yml")), field(goal, "composeFiles"));
    assertEquals(false, field(goal, "detach"));
    assertEquals("tcp://staging:2375", field(goal, "dockerHost"));
    assertEquals(7, field(goal, "logLines"));
    assertEquals("-Dswarm.docker.host", report.sourceOf("dockerHost"));
    assertEquals("<logLines>", report.sourceOf("logLines"));
  }

  @Test
  void oneEngineFromTheCommandLineReplacesTheManagersOfThePom() throws Exception {
    userProperties.setProperty(PropertyNames.DOCKER_HOST, "tcp://staging:2375");
    LsMojo goal = new LsMojo();
    // as Maven hands it over: every parameter with a property is there, the pom's value or the
    // property's expression
    configure(goal, """
        <configuration>
          <dockerHost>${swarm.docker.host}</dockerHost>
          <dockerHosts><dockerHost>tcp://m1:2375</dockerHost></dockerHosts>
        </configuration>""");

    assertEquals("tcp://staging:2375", field(goal, "dockerHost"));
    assertEquals(null, field(goal, "dockerHosts"));
  }

  @Test
  void aPropertyThatOnlyFillsInIsNamedAsTheProperty() throws Exception {
    PomConfigurator.Report report = configure(new LsMojo(), """
        <configuration><dockerHost>${swarm.docker.host}</dockerHost></configuration>""");

    assertEquals("property swarm.docker.host", report.sourceOf("dockerHost"));
  }

  @Test
  void unknownSwarmPropertiesGetTheNearestKnownOne() {
    userProperties.setProperty("swarm.timout", "10s");
    userProperties.setProperty("swarm.generate.skp", "true");
    userProperties.setProperty("swarm.frobnicate", "true");
    userProperties.setProperty("swarm.timeout", "10s");
    userProperties.setProperty("other.property", "x");

    assertEquals(
        List.of(
            "Unknown property -Dswarm.frobnicate: the plugin has no such property and ignores it"
                + " (mvn swarm:help -Ddetail lists them)",
            "Unknown property -Dswarm.generate.skp: did you mean -Dswarm.generate.skip?",
            "Unknown property -Dswarm.timout: did you mean -Dswarm.timeout?"),
        UnknownProperties.warnings(userProperties));
    assertTrue(UnknownProperties.KNOWN.contains(PropertyNames.PRUNE_ALL_SERVICES));
  }

  private PomConfigurator.Report configure(AbstractGoalMojo goal, String xml) throws Exception {
    PlexusConfiguration configuration =
        new XmlPlexusConfiguration(Xpp3DomBuilder.build(new StringReader(xml)));
    new PomConfigurator()
        .configureComponent(
            goal,
            configuration,
            new Evaluator(),
            new ClassRealm(new ClassWorld(), "test", getClass().getClassLoader()),
            new NoListener());
    return (PomConfigurator.Report) field(goal, "configuration");
  }

  private static Object field(Object goal, String name) throws ReflectiveOperationException {
    for (Class<?> c = goal.getClass(); c != null; c = c.getSuperclass()) {
      try {
        Field field = c.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(goal);
      } catch (NoSuchFieldException e) {
        // declared higher up
      }
    }
    throw new NoSuchFieldException(name);
  }

  /** Values as written, the user properties for {@code ${session.userProperties}}, files relative. */
  private final class Evaluator implements ExpressionEvaluator {
    @Override
    public Object evaluate(String expression) {
      return PomConfigurator.USER_PROPERTIES.equals(expression) ? userProperties : expression;
    }

    @Override
    public File alignToBaseDirectory(File file) {
      return file;
    }
  }

  private static final class NoListener implements ConfigurationListener {
    @Override
    public void notifyFieldChangeUsingSetter(String fieldName, Object value, Object target) {}

    @Override
    public void notifyFieldChangeUsingReflection(String fieldName, Object value, Object target) {}
  }
}
