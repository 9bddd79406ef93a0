package dev.swarmstack.swarm.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * One service, every key of docker/cli's {@code ServiceConfig} in its order. Keys that {@code docker stack
 * deploy} ignores (build, links, ...) are kept so that a generated file says what its source said.
 * {@code environment} values may be {@code null}: a bare {@code KEY} takes its value from the deploying
 * environment.
 */
public record Service(
    Build build,
    List<String> capAdd,
    List<String> capDrop,
    @JsonProperty("cgroupns_mode") String cgroupnsMode,
    String cgroupParent,
    List<String> command,
    List<FileReference> configs,
    String containerName,
    CredentialSpec credentialSpec,
    List<String> dependsOn,
    Deploy deploy,
    List<String> devices,
    List<String> dns,
    List<String> dnsSearch,
    @JsonProperty("domainname") String domainname,
    List<String> entrypoint,

    @JsonInclude(value = JsonInclude.Include.NON_NULL, content = JsonInclude.Include.ALWAYS)
    SortedMap<String, String> environment,

    List<String> envFile,
    List<String> expose,
    List<String> externalLinks,
    List<String> extraHosts,
    String hostname,
    @JsonProperty("healthcheck") Healthcheck healthcheck,
    String image,
    Boolean init,
    String ipc,
    String isolation,
    SortedMap<String, String> labels,
    List<String> links,
    Logging logging,
    String macAddress,
    String networkMode,

    @JsonInclude(value = JsonInclude.Include.NON_NULL, content = JsonInclude.Include.ALWAYS)
    SortedMap<String, ServiceNetwork> networks,

    String pid,
    List<Port> ports,
    Boolean privileged,
    Boolean readOnly,
    String restart,
    List<FileReference> secrets,
    List<String> securityOpt,
    String shmSize,
    Boolean stdinOpen,
    GoDuration stopGracePeriod,
    String stopSignal,
    SortedMap<String, String> sysctls,
    List<String> tmpfs,
    Boolean tty,
    SortedMap<String, Ulimit> ulimits,
    String user,
    Long oomScoreAdj,
    @JsonProperty("userns_mode") String usernsMode,
    List<ServiceVolume> volumes,
    String workingDir,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> extensions) {

  /** {@code build}: ignored by swarm, kept for the generated file. */
  public record Build(
      String context,
      String dockerfile,
      SortedMap<String, String> args,
      SortedMap<String, String> labels,
      List<String> cacheFrom,
      List<String> extraHosts,
      String network,
      String target) {}

  /** {@code credential_spec}: exactly one of config, file or registry. */
  public record CredentialSpec(String config, String file, String registry) {}

  /** {@code healthcheck}; {@code test} is already in exec form ({@code [CMD-SHELL, ...]} for a string). */
  public record Healthcheck(
      List<String> test,
      GoDuration timeout,
      GoDuration interval,
      Long retries,
      GoDuration startPeriod,
      GoDuration startInterval,
      Boolean disable) {}

  public record Logging(String driver, SortedMap<String, String> options) {}

  /** A service's attachment to a network; {@code null} in the map when the short list form was used. */
  public record ServiceNetwork(
      List<String> aliases,
      SortedMap<String, String> driverOpts,
      @JsonProperty("ipv4_address") String ipv4Address,
      @JsonProperty("ipv6_address") String ipv6Address) {}

  /** A port in long form. The short form {@code [ip:]published:target[/protocol]} is expanded by the loader. */
  public record Port(String mode, Integer target, Integer published, String protocol) {}

  /** A secret or config used by the service (long syntax). */
  public record FileReference(String source, String target, String uid, String gid, Integer mode) {}

  /** A ulimit: {@code single} alone, or {@code soft} and {@code hard}; written as compose writes it. */
  public record Ulimit(Integer single, Integer soft, Integer hard) {

    /** The single-number form {@code nproc: 65535}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Ulimit of(int single) {
      return new Ulimit(single, null, null);
    }

    /** {@code 65535} for a single limit, else {@code {soft: .., hard: ..}}, as {@code docker stack config} prints. */
    @JsonValue
    public Object json() {
      if (single != null) {
        return single;
      }
      Map<String, Integer> limits = new LinkedHashMap<>();
      limits.put("soft", soft);
      limits.put("hard", hard);
      return limits;
    }
  }
}
