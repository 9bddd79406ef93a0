package dev.swarmstack.swarm.maven.config;

import java.util.List;
import java.util.Map;

/**
 * A service, as under compose's {@code services:}: each element is the camelCase of a compose key.
 * The {@code deploy:} keys (replicas, mode, updateConfig, resources, placement, ...) may sit directly on
 * {@code <service>} or inside {@code <deploy>}.
 */
public class ServiceConfig extends DeployKeys {

  /** The service's key in the stack; the engine names it {@code <stack>_<name>}. Required. */
  String name;

  /** Image, e.g. {@code registry.example.com/shop/api:1.0}. */
  String image;

  /** Overrides the image's CMD: one string or {@code <arg>} elements. */
  CommandConfig command;

  /** Overrides the image's ENTRYPOINT: one string or {@code <arg>} elements. */
  CommandConfig entrypoint;

  /** Environment variables, e.g. {@code <JAVA_OPTS>-Xmx256m</JAVA_OPTS>}. */
  Map<String, String> environment;

  /** Files of {@code KEY=value} lines ({@code env_file}); {@code <environment>} wins over them. */
  List<String> envFile;

  /** Labels on the containers (service labels are {@code <deploy><labels>}). */
  Map<String, String> labels;

  /** The {@code deploy:} section; its keys may also be written directly on {@code <service>}. */
  DeployConfig deploy;

  /** Published ports, short ({@code 8080:80/udp}) or long form. */
  List<PortConfig> ports;

  /** Networks to join, by key, short or long form (with aliases). */
  List<ServiceNetworkConfig> networks;

  /** Mounts, short ({@code data:/var/lib/x:ro}) or long form (bind, volume, tmpfs). */
  List<MountConfig> volumes;

  /** Secrets to mount, short ({@code db_password}) or long form (target, uid, gid, mode). */
  List<FileReferenceConfig> secrets;

  /** Configs to mount, short or long form (target, uid, gid, mode). */
  List<FileReferenceConfig> configs;

  /** Container health check. */
  HealthcheckConfig healthcheck;

  /** Log driver and options. */
  LoggingConfig logging;

  /** Time between the stop signal and SIGKILL ({@code stop_grace_period}), e.g. {@code 1m30s}. */
  String stopGracePeriod;

  /** Signal that stops the container ({@code stop_signal}), e.g. {@code SIGTERM}. */
  String stopSignal;

  /** User (name or uid[:gid]) the process runs as. */
  String user;

  /** Working directory of the process ({@code working_dir}). */
  String workingDir;

  /** Container hostname. */
  String hostname;

  /** DNS servers. */
  List<String> dns;

  /** DNS search domains ({@code dns_search}). */
  List<String> dnsSearch;

  /** Extra {@code /etc/hosts} entries as {@code host:ip} ({@code extra_hosts}). */
  List<String> extraHosts;

  /** Capabilities to add ({@code cap_add}), e.g. {@code NET_ADMIN}. */
  List<String> capAdd;

  /** Capabilities to drop ({@code cap_drop}). */
  List<String> capDrop;

  /** Kernel parameters, e.g. {@code <net.core.somaxconn>1024</net.core.somaxconn>}. */
  Map<String, String> sysctls;

  /** Resource limits such as {@code nofile}. */
  List<UlimitConfig> ulimits;

  /** Run an init process that reaps zombies. */
  Boolean init;

  /** Mount the root filesystem read-only ({@code read_only}). */
  Boolean readOnly;

  /** Allocate a pseudo-TTY. */
  Boolean tty;

  /** Keep stdin open ({@code stdin_open}). */
  Boolean stdinOpen;

  /** Isolation technology (Windows): {@code default}, {@code process} or {@code hyperv}. */
  String isolation;

  /** Credential spec for managed service accounts (Windows, {@code credential_spec}). */
  CredentialSpecConfig credentialSpec;

  /** OOM killer preference, -1000 to 1000 ({@code oom_score_adj}). */
  Long oomScoreAdj;
}
