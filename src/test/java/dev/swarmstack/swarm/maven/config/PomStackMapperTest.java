package dev.swarmstack.swarm.maven.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.swarmstack.swarm.compose.SourceTree;
import dev.swarmstack.swarm.problem.Problem;
import dev.swarmstack.swarm.problem.Problems;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PomStackMapperTest {

  private static final YAMLMapper TYPED_YAML = new YAMLMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
      .build());

  private final PomStackMapper mapper = new PomStackMapper();
  private final Problems problems = new Problems();

  @Test
  void sketchFromTheIssueBecomesComposeWithPomOrigins() throws JsonProcessingException {
    NetworkConfig backend = network("backend");
    backend.driver = "overlay";
    backend.attachable = true;
    backend.encrypted = true;
    backend.ipam = new IpamConfig();
    backend.ipam.subnet = "10.20.0.0/22";
    backend.labels = Map.of("tier", "data");
    NetworkConfig edge = network("edge");
    edge.external = true;

    ServiceConfig api = service("api");
    api.image = "registry.example.com/shop/api:1.0";
    api.replicas = 3L;
    api.ports = List.of(port("8080:80"));
    api.networks = List.of(serviceNetwork("backend"));
    api.environment = Map.of("JAVA_OPTS", "-Xmx256m");
    api.updateConfig = new UpdateConfig();
    api.updateConfig.parallelism = 1L;
    api.updateConfig.order = "start-first";
    api.updateConfig.failureAction = "rollback";
    api.resources = new ResourcesConfig();
    api.resources.limits = new ResourcesConfig.Limits();
    api.resources.limits.cpus = "0.5";
    api.resources.limits.memory = "512M";
    api.secrets = List.of(reference("db_password"));

    FileObjectConfig password = new FileObjectConfig();
    password.name = "db_password";
    password.file = "src/main/swarm/db_password.txt";

    SourceTree tree =
        mapper.map(List.of(backend, edge), List.of(api), null, List.of(password), null, problems);

    assertEquals(List.of(), problems.all());
    assertEquals("""
        services:
          api:
            image: registry.example.com/shop/api:1.0
            environment:
              JAVA_OPTS: -Xmx256m
            deploy:
              replicas: 3
              update_config:
                parallelism: 1
                failure_action: rollback
                order: start-first
              resources:
                limits:
                  cpus: "0.5"
                  memory: 512M
            ports:
              - 8080:80
            networks:
              backend: null
            secrets:
              - db_password
        networks:
          backend:
            driver: overlay
            driver_opts:
              encrypted: ""
            attachable: true
            ipam:
              config:
                - subnet: 10.20.0.0/22
            labels:
              tier: data
          edge:
            external: true
        secrets:
          db_password:
            file: src/main/swarm/db_password.txt
        """, yaml(tree));

    assertEquals(
        "<services><service>api</service><replicas>",
        origin(tree, "services", "api", "deploy", "replicas"));
    assertEquals(
        "<services><service>api</service><updateConfig><order>",
        origin(tree, "services", "api", "deploy", "update_config", "order"));
    assertEquals(
        "<services><service>api</service><ports>[1]", origin(tree, "services", "api", "ports", 0));
    assertEquals(
        "<services><service>api</service><networks>[1]",
        origin(tree, "services", "api", "networks", "backend"));
    assertEquals(
        "<services><service>api</service><environment><JAVA_OPTS>",
        origin(tree, "services", "api", "environment", "JAVA_OPTS"));
    assertEquals(
        "<networks><network>backend</network><encrypted>",
        origin(tree, "networks", "backend", "driver_opts", "encrypted"));
    assertEquals(
        "<networks><network>backend</network><ipam><subnet>",
        origin(tree, "networks", "backend", "ipam", "config", 0, "subnet"));
    assertEquals(
        "<secrets><secret>db_password</secret><file>",
        origin(tree, "secrets", "db_password", "file"));
  }

  @Test
  void longFormsKeepEveryFieldAndOrigin() throws JsonProcessingException {
    ServiceConfig web = service("web");
    PortConfig port = new PortConfig();
    port.target = 80;
    port.published = 8080;
    port.mode = "host";
    web.ports = List.of(port("53:53/udp"), port);
    MountConfig tmp = new MountConfig();
    tmp.type = "tmpfs";
    tmp.target = "/tmp";
    tmp.tmpfs = new MountConfig.TmpfsOptions();
    tmp.tmpfs.size = "64M";
    web.volumes = List.of(mount("data:/var/lib/x:ro"), tmp);
    FileReferenceConfig cert = reference("cert");
    cert.target = "/etc/cert.pem";
    cert.mode = "0440";
    cert.uid = "1000";
    web.configs = List.of(cert);
    ServiceNetworkConfig front = serviceNetwork("front");
    front.aliases = List.of("www");
    web.networks = List.of(front, serviceNetwork("back"));
    web.command = new CommandConfig();
    web.command.addArg("httpd");
    web.command.addArg("-f");
    web.entrypoint = new CommandConfig();
    web.entrypoint.set("/bin/sh -c");
    UlimitConfig nofile = new UlimitConfig();
    nofile.name = "nofile";
    nofile.soft = 1024;
    nofile.hard = 2048;
    UlimitConfig nproc = new UlimitConfig();
    nproc.name = "nproc";
    nproc.value = 512;
    web.ulimits = List.of(nofile, nproc);
    web.healthcheck = new HealthcheckConfig();
    web.healthcheck.test = new CommandConfig();
    web.healthcheck.test.set("wget -q -O- localhost");
    web.healthcheck.interval = "30s";
    web.mode = "global";
    web.placement = new PlacementConfig();
    web.placement.constraints = List.of("node.role==manager");
    PreferenceConfig zone = new PreferenceConfig();
    zone.set("node.labels.zone");
    web.placement.preferences = List.of(zone);
    web.deploy = new DeployConfig();
    web.deploy.labels = Map.of("team", "web");
    web.deploy.resources = new ResourcesConfig();
    web.deploy.resources.reservations = new ResourcesConfig.Reservations();
    ResourcesConfig.GenericResource gpu = new ResourcesConfig.GenericResource();
    gpu.kind = "gpu";
    gpu.value = 1L;
    web.deploy.resources.reservations.genericResources = List.of(gpu);

    SourceTree tree = mapper.map(null, List.of(web), null, null, null, problems);

    assertEquals(List.of(), problems.all());
    assertEquals("""
        services:
          web:
            command:
              - httpd
              - -f
            entrypoint: /bin/sh -c
            deploy:
              mode: global
              placement:
                constraints:
                  - node.role==manager
                preferences:
                  - spread: node.labels.zone
              resources:
                reservations:
                  generic_resources:
                    - discrete_resource_spec:
                        kind: gpu
                        value: 1
              labels:
                team: web
            ports:
              - 53:53/udp
              - mode: host
                target: 80
                published: 8080
            networks:
              front:
                aliases:
                  - www
              back: null
            volumes:
              - data:/var/lib/x:ro
              - type: tmpfs
                target: /tmp
                tmpfs:
                  size: 64M
            configs:
              - source: cert
                target: /etc/cert.pem
                uid: "1000"
                mode: 288
            healthcheck:
              test: wget -q -O- localhost
              interval: 30s
            ulimits:
              nofile:
                soft: 1024
                hard: 2048
              nproc: 512
        """, yaml(tree));

    assertEquals(
        "<services><service>web</service><ports>[2]<published>",
        origin(tree, "services", "web", "ports", 1, "published"));
    assertEquals(
        "<services><service>web</service><volumes>[2]<tmpfs><size>",
        origin(tree, "services", "web", "volumes", 1, "tmpfs", "size"));
    assertEquals(
        "<services><service>web</service><configs>[1]<mode>",
        origin(tree, "services", "web", "configs", 0, "mode"));
    assertEquals(
        "<services><service>web</service><networks>[1]<aliases>[1]",
        origin(tree, "services", "web", "networks", "front", "aliases", 0));
    assertEquals(
        "<services><service>web</service><ulimits>[1]<hard>",
        origin(tree, "services", "web", "ulimits", "nofile", "hard"));
    assertEquals(
        "<services><service>web</service><ulimits>[2]<value>",
        origin(tree, "services", "web", "ulimits", "nproc"));
    assertEquals(
        "<services><service>web</service><deploy><labels><team>",
        origin(tree, "services", "web", "deploy", "labels", "team"));
    assertEquals(
        "<services><service>web</service><deploy><resources><reservations><genericResources>[1]<kind>",
        origin(
            tree,
            "services",
            "web",
            "deploy",
            "resources",
            "reservations",
            "generic_resources",
            0,
            "discrete_resource_spec",
            "kind"));
    assertEquals(
        "<services><service>web</service><placement><preferences>[1]<spread>",
        origin(tree, "services", "web", "deploy", "placement", "preferences", 0, "spread"));
  }

  @Test
  void everyStructuralErrorIsCollectedWithItsElement() {
    ServiceConfig unnamed = new ServiceConfig();
    ServiceConfig api = service("api");
    api.replicas = 2L;
    api.deploy = new DeployConfig();
    api.deploy.replicas = 3L;
    PortConfig both = port("8080:80");
    both.target = 80;
    api.ports = List.of(port("1:1"), both);
    FileReferenceConfig badMode = reference("tls");
    badMode.mode = "rw";
    api.secrets = List.of(badMode);
    api.command = new CommandConfig();
    api.command.set("run");
    api.command.addArg("run");

    mapper.map(
        List.of(network("n"), network("n")), List.of(unnamed, api), null, null, null, problems);

    assertEquals(
        List.of(
            "<services><service>[1]: <service> has no <name>: add <name>, the key other entries refer to it by",
            "<services><service>api</service><command>: give the command either as one string or as <arg> "
                + "elements, not both",
            "<services><service>api</service><deploy><replicas>: this value is also set at "
                + "<services><service>api</service><replicas>: set it in one place only",
            "<services><service>api</service><ports>[2]: write either the short form as the element's text or "
                + "the long form with child elements, not both",
            "<services><service>api</service><secrets>[1]<mode>: invalid file mode 'rw': use octal digits with "
                + "a leading zero, e.g. 0440",
            "<networks><network>[2]: <network> 'n' is also defined as <network>[1]: give each a different "
                + "<name>, or merge them"),
        problems.all().stream().map(Problem::toString).toList());
  }

  @Test
  void encryptedAndAnExplicitDriverOptionClash() {
    NetworkConfig net = network("n");
    net.driverOpts = Map.of("encrypted", "yes");
    net.encrypted = true;

    mapper.map(List.of(net), null, null, null, null, problems);

    assertEquals(
        "<networks><network>n</network><encrypted>: this value is also set at "
            + "<networks><network>n</network><driverOpts><encrypted>: set it in one place only",
        problems.all().get(0).toString());
  }

  @Test
  void nothingConfiguredGivesAnEmptyTree() {
    assertEquals(
        "{}", mapper.map(null, List.of(), null, null, null, problems).root().toString());
  }

  /** YAML that shows which scalars are strings: {@code "0.5"} is text, {@code 3} a number. */
  private static String yaml(SourceTree tree) throws JsonProcessingException {
    return TYPED_YAML.writeValueAsString(tree.root());
  }

  private static String origin(SourceTree tree, Object... segments) {
    return tree.origins().at(segments).location();
  }

  private static NetworkConfig network(String name) {
    NetworkConfig network = new NetworkConfig();
    network.name = name;
    return network;
  }

  private static ServiceConfig service(String name) {
    ServiceConfig service = new ServiceConfig();
    service.name = name;
    return service;
  }

  private static PortConfig port(String spec) {
    PortConfig port = new PortConfig();
    port.set(spec);
    return port;
  }

  private static MountConfig mount(String spec) {
    MountConfig mount = new MountConfig();
    mount.set(spec);
    return mount;
  }

  private static FileReferenceConfig reference(String source) {
    FileReferenceConfig reference = new FileReferenceConfig();
    reference.set(source);
    return reference;
  }

  private static ServiceNetworkConfig serviceNetwork(String name) {
    ServiceNetworkConfig network = new ServiceNetworkConfig();
    network.set(name);
    return network;
  }
}
