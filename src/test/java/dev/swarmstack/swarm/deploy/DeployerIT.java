package dev.swarmstack.swarm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.engine.RegistryAuth;
import dev.swarmstack.swarm.problem.StackException;
import dev.swarmstack.swarm.stack.StackLabels;
import dev.swarmstack.swarm.testing.TestRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Deployer} against the real engine: what it writes, and what the docker CLI sees afterwards. */
class DeployerIT extends EngineTestBase {

  private static final DeployOptions NO_PRUNE =
      new DeployOptions(false, ResolveImage.NEVER, host -> Optional.empty(), Duration.ofMinutes(1));
  private static final DeployOptions PRUNE =
      new DeployOptions(true, ResolveImage.NEVER, host -> Optional.empty(), Duration.ofMinutes(1));
  private static final DeployOptions ALWAYS_WITH_LOGIN = new DeployOptions(
      false,
      ResolveImage.ALWAYS,
      host -> host.equals(TestRegistry.AUTH.serverAddress())
          ? Optional.of(TestRegistry.AUTH)
          : Optional.empty(),
      Duration.ofMinutes(1));

  @Test
  void deploysAStackTheCliSeesThenRedeploysNothingThenUpdatesOnlyTheChangedService() {
    TestStack stack = TestStack.twoServices(namespace);

    deployer().deploy(namespace, stack.converted(), NO_PRUNE);

    assertEquals(
        List.of(
            "createNetwork " + stack.scoped("back"),
            "createSecret " + stack.scoped("token"),
            "createConfig " + stack.scoped("settings"),
            "createService " + stack.scoped("web"),
            "createService " + stack.scoped("worker")),
        engine.writes());
    assertEquals(
        stack.scoped("web") + "\n" + stack.scoped("worker") + "\n",
        DOCKER.ok("stack", "services", namespace, "--format", "{{.Name}}"));

    engine.reset();
    DeployPlan unchanged = deployer().deploy(namespace, stack.converted(), NO_PRUNE);
    assertEquals(
        List.of(),
        engine.writes(),
        "a no-op redeploy writes nothing; plan: " + unchanged.changes());

    engine.reset();
    ((ObjectNode)
            stack.services.get(stack.scoped("worker")).path("TaskTemplate").path("ContainerSpec"))
        .putArray("Args")
        .add("sleep")
        .add("3601");
    DeployPlan changed = deployer().deploy(namespace, stack.converted(), NO_PRUNE);
    assertEquals(
        List.of("updateService " + stack.scoped("worker")),
        engine.writes(),
        changed.changes().toString());
    assertTrue(
        changed.changes().stream()
            .anyMatch(c ->
                c.change() == PlannedChange.Change.UPDATE && c.detail().equals("changed: command")),
        changed.changes().toString());
  }

  @Test
  void aChangedNetworkIsReportedNotSilentlyIgnored() {
    TestStack stack = TestStack.twoServices(namespace);
    deployer().deploy(namespace, stack.converted(), NO_PRUNE);
    stack
        .networks
        .get(stack.scoped("back"))
        .put("Internal", true)
        .putObject("Options")
        .put("encrypted", "");
    engine.reset();

    DeployPlan plan = deployer().deploy(namespace, stack.converted(), NO_PRUNE);

    assertEquals(List.of(), engine.writes());
    assertTrue(
        log.stream()
            .anyMatch(line -> line.startsWith(
                "WARN network " + stack.scoped("back") + ": encrypted (declared true,"
                    + " found false), internal (declared true, found false) differ")),
        log.toString());
    assertTrue(
        plan.changes().get(0).detail().contains("remove the stack (the rm command)"),
        plan.changes().toString());
  }

  @Test
  void pruneRemovesUndeclaredObjectsOfTheStackAndNothingElse() {
    TestStack stack = TestStack.twoServices(namespace);
    stack.network("old");
    stack.service("old", TestStack.IMAGE, "old");
    stack.secret("oldsecret", "x");
    stack.config("oldconfig", "y");
    deployer().deploy(namespace, stack.converted(), NO_PRUNE);
    // same kind of objects, without the stack's label: pruning must leave them alone
    String foreign = namespace + "_foreign";
    DOCKER.ok("network", "create", "--driver", "overlay", foreign);
    cleanups.add(() -> DOCKER.run("network", "rm", foreign));
    DOCKER.ok("config", "create", foreign, "/etc/hostname");
    cleanups.add(() -> DOCKER.run("config", "rm", foreign));

    TestStack declared = TestStack.twoServices(namespace);
    engine.reset();
    deployer().deploy(namespace, declared.converted(), PRUNE);

    assertEquals(4, engine.writes().size(), engine.writes().toString());
    assertEquals(
        List.of("removeConfig", "removeNetwork", "removeSecret", "removeService"),
        engine.writes().stream().map(w -> w.split(" ")[0]).sorted().toList());
    assertEquals(
        List.of(declared.scoped("web"), declared.scoped("worker")),
        names(engine.listServices(StackLabels.of(namespace))));
    assertEquals(
        List.of(declared.scoped("back")), names(engine.listNetworks(StackLabels.of(namespace))));
    assertEquals(
        List.of(declared.scoped("token")), names(engine.listSecrets(StackLabels.of(namespace))));
    assertEquals(
        List.of(declared.scoped("settings")), names(engine.listConfigs(StackLabels.of(namespace))));
    assertTrue(engine.inspectNetwork(foreign).isPresent());
    assertTrue(engine.listConfigs(Map.of()).stream().anyMatch(c -> c.name().equals(foreign)));
  }

  @Test
  void pruningEveryServiceOfALiveStackIsRefusedWithoutConfirmationAndWritesNothing() {
    TestStack live = TestStack.twoServices(namespace);
    deployer().deploy(namespace, live.converted(), NO_PRUNE);
    TestStack otherServices =
        new TestStack(namespace); // as with a wrong stack name or compose file
    otherServices.network("front");
    otherServices.service("api", TestStack.IMAGE, "front");
    engine.reset();

    StackException refused = assertThrows(
        StackException.class, () -> deployer().deploy(namespace, otherServices.converted(), PRUNE));

    assertEquals(
        "pruning would remove every service of stack " + namespace + " (services "
            + live.scoped("web") + ", "
            + live.scoped("worker") + "; networks " + live.scoped("back") + "; secrets "
            + live.scoped("token")
            + "; configs " + live.scoped("settings")
            + "). Check the stack name and the services declared; to remove them"
            + " all, set --prune-all-services=true",
        refused.getMessage());
    assertEquals(List.of(), engine.writes());
    assertEquals(
        List.of(live.scoped("web"), live.scoped("worker")),
        names(engine.listServices(StackLabels.of(namespace))));
    assertEquals(
        List.of(live.scoped("back")), names(engine.listNetworks(StackLabels.of(namespace))));

    DeployOptions confirmed = new DeployOptions(
        true, ResolveImage.NEVER, host -> Optional.empty(), Duration.ofMinutes(1), true);
    deployer().deploy(namespace, otherServices.converted(), confirmed);
    assertEquals(
        List.of(otherServices.scoped("api")),
        names(engine.listServices(StackLabels.of(namespace))));
  }

  @Test
  void changedSecretContentFailsBeforeAnyWrite() {
    TestStack stack = TestStack.twoServices(namespace);
    deployer().deploy(namespace, stack.converted(), NO_PRUNE);
    stack.secret("token", "rotated");
    stack.service("extra", TestStack.IMAGE, "back");
    engine.reset();

    StackException failure = assertThrows(
        StackException.class, () -> deployer().deploy(namespace, stack.converted(), NO_PRUNE));

    assertTrue(
        failure.getMessage().contains("secret \"" + stack.scoped("token") + "\" has new content"),
        failure.getMessage());
    assertTrue(
        failure.getMessage().contains("Turn on rotation (--rotate=true, the default)"),
        failure.getMessage());
    assertTrue(!failure.getMessage().contains("rotated"), "never the secret's value");
    assertEquals(List.of(), engine.writes());

    // swarm:diff lists the change instead of failing
    DeployPlan preview = deployer().preview(namespace, stack.converted(), NO_PRUNE);
    assertTrue(
        preview.changes().stream().anyMatch(change -> change
            .toString()
            .equals("update    secret  " + stack.scoped("token")
                + " (new content, which the engine can't apply in place)")),
        preview.changes().toString());
    assertEquals(List.of(failure.problems().get(0)), preview.blockers());
    assertEquals(List.of(), engine.writes());
  }

  @Test
  void missingExternalNetworkFailsWithTheCliMessageBeforeAnyWrite() {
    TestStack stack = TestStack.twoServices(namespace);
    stack.externalNetworks.add(namespace + "_absent");

    StackException failure = assertThrows(
        StackException.class, () -> deployer().deploy(namespace, stack.converted(), NO_PRUNE));

    assertEquals(
        "network \"" + namespace
            + "_absent\" is declared as external, but could not be found. You need to"
            + " create a swarm-scoped network before the stack is deployed",
        failure.getMessage());
    assertEquals(List.of(), engine.writes());
  }

  @Test
  void pinsTheImageDigestWithCredentialsFromTheLocalRegistry() {
    String image = TestRegistry.REPOSITORY + ":1";
    TestStack stack = new TestStack(namespace);
    stack.network("default");
    stack.service("pinned", image, "default");

    deployer().deploy(namespace, stack.converted(), ALWAYS_WITH_LOGIN);

    assertTrue(
        deployedImage(stack, "pinned").startsWith(image + "@sha256:"),
        deployedImage(stack, "pinned"));
    assertTrue(
        log.stream().noneMatch(line -> line.contains(TestRegistry.AUTH.password())),
        "credentials never logged");

    engine.reset();
    deployer().deploy(namespace, stack.converted(), ALWAYS_WITH_LOGIN);
    assertEquals(List.of(), engine.writes(), "the same digest again: nothing to update");
  }

  /**
   * An update that changes the image sends the credentials too (the nodes pull with them), and pins the new image
   * to its digest as the create did.
   */
  @Test
  void anUpdateToAnotherImageInTheAuthenticatedRegistryCarriesTheCredentialsAndPinsTheDigest(
      @TempDir Path dockerConfig) {
    String first = TestRegistry.REPOSITORY + ":1";
    String second = TestRegistry.secondTag(TestRegistry.loggedIn(dockerConfig));
    TestStack stack = new TestStack(namespace);
    stack.network("default");
    stack.service("pinned", first, "default");

    deployer().deploy(namespace, stack.converted(), ALWAYS_WITH_LOGIN);
    image(stack, "pinned", second);
    deployer().deploy(namespace, stack.converted(), ALWAYS_WITH_LOGIN);

    Optional<RegistryAuth> login = Optional.of(TestRegistry.AUTH);
    assertEquals(
        List.of(
            new CountingSwarmEngine.Write("createService", stack.scoped("pinned"), login),
            new CountingSwarmEngine.Write("updateService", stack.scoped("pinned"), login)),
        engine.recordedWrites().stream()
            .filter(write -> write.call().endsWith("Service"))
            .toList());
    String digest = engine.imageDistribution(second, login).orElseThrow().digest();
    assertEquals(second + "@" + digest, deployedImage(stack, "pinned"));
    assertEquals(
        first + "@" + engine.imageDistribution(first, login).orElseThrow().digest(),
        engine
            .inspectService(stack.scoped("pinned"))
            .orElseThrow()
            .raw()
            .at("/PreviousSpec/TaskTemplate/ContainerSpec/Image")
            .asText(),
        "the create pinned the first image");
  }

  private void image(TestStack stack, String service, String image) {
    ((ObjectNode)
            stack.services.get(stack.scoped(service)).path("TaskTemplate").path("ContainerSpec"))
        .put("Image", image);
  }

  private String deployedImage(TestStack stack, String service) {
    return engine
        .inspectService(stack.scoped(service))
        .orElseThrow()
        .spec()
        .path("TaskTemplate")
        .path("ContainerSpec")
        .path("Image")
        .asText();
  }

  @Test
  void unreachableRegistryWarnsLikeTheCliAndDeploys() {
    String image = TestRegistry.REPOSITORY + ":1";
    TestStack stack = new TestStack(namespace);
    stack.network("default");
    stack.service("unpinned", image, "default");
    DeployOptions withoutCredentials = new DeployOptions(
        false, ResolveImage.ALWAYS, host -> Optional.empty(), Duration.ofMinutes(1));

    deployer().deploy(namespace, stack.converted(), withoutCredentials);

    assertTrue(
        log.contains("WARN image " + image
            + " could not be accessed on a registry to record its digest. Each node"
            + " will access " + image
            + " independently, possibly leading to different nodes running different versions of"
            + " the image."),
        log.toString());
    assertEquals(
        image,
        engine
            .inspectService(stack.scoped("unpinned"))
            .orElseThrow()
            .spec()
            .path("TaskTemplate")
            .path("ContainerSpec")
            .path("Image")
            .asText());
  }
}
