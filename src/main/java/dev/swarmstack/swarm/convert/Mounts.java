package dev.swarmstack.swarm.convert;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmstack.swarm.model.ServiceVolume;
import dev.swarmstack.swarm.model.Volume;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A service's {@code volumes:} as Engine API mounts, as docker/cli's {@code convert/volume.go} builds them. */
final class Mounts {

  private final ConversionContext context;

  Mounts(ConversionContext context) {
    this.context = context;
  }

  /** The mounts in the order written; each invalid one is reported and left out. */
  ArrayNode convert(String service, List<ServiceVolume> volumes) {
    ArrayNode mounts = Json.array();
    if (volumes == null) {
      return mounts;
    }
    for (int i = 0; i < volumes.size(); i++) {
      ServiceVolume volume = volumes.get(i);
      String type = volume.type() == null || volume.type().isEmpty() ? "volume" : volume.type();
      List<String> errors = incompatibleOptions(type, volume);
      ObjectNode mount = errors.isEmpty() ? mount(type, volume, errors) : null;
      if (errors.isEmpty()) {
        mounts.add(mount);
      }
      for (String error : errors) {
        context.serviceError(service, error, "volumes", i);
      }
    }
    return mounts;
  }

  /**
   * Option blocks each mount type accepts, as the CLI checks them (npipe takes bind options; the CLI does not
   * check image options on a cluster mount nor cluster options on an npipe mount).
   */
  private static final Map<String, Set<String>> ACCEPTED_OPTIONS = Map.of(
      "volume", Set.of("volume"),
      "image", Set.of("image"),
      "bind", Set.of("bind"),
      "tmpfs", Set.of("tmpfs"),
      "npipe", Set.of("bind", "cluster"),
      "cluster", Set.of("cluster", "image"));

  private static List<String> incompatibleOptions(String type, ServiceVolume volume) {
    Set<String> accepted =
        ACCEPTED_OPTIONS.getOrDefault(type, Set.of("volume", "image", "bind", "tmpfs", "cluster"));
    Map<String, Object> present = new LinkedHashMap<>();
    present.put("volume", volume.volume());
    present.put("image", volume.image());
    present.put("bind", volume.bind());
    present.put("tmpfs", volume.tmpfs());
    present.put("cluster", volume.cluster());
    List<String> errors = new ArrayList<>();
    present.forEach((kind, value) -> {
      if (value != null && !accepted.contains(kind)) {
        errors.add(kind + " options are incompatible with type " + type + ": remove the " + kind
            + ": block");
      }
    });
    return errors;
  }

  private ObjectNode mount(String type, ServiceVolume volume, List<String> errors) {
    ObjectNode mount = Json.object();
    mount.put("Type", type);
    Json.putText(mount, "Source", volume.source());
    Json.putText(mount, "Target", volume.target());
    Json.putTrue(mount, "ReadOnly", volume.readOnly());
    Json.putText(mount, "Consistency", volume.consistency());
    boolean hasSource = volume.source() != null && !volume.source().isEmpty();
    switch (type) {
      case "volume" -> namedVolume(volume, mount, errors);
      case "bind", "npipe" -> {
        requireSource(type, hasSource, errors);
        if (volume.bind() != null) {
          ObjectNode bind = mount.putObject("BindOptions");
          Json.putText(bind, "Propagation", volume.bind().propagation());
        }
      }
      case "image" -> {
        requireSource(type, hasSource, errors);
        if (volume.image() != null) {
          Json.putText(
              mount.putObject("ImageOptions"), "Subpath", volume.image().subpath());
        }
      }
      case "tmpfs" -> {
        if (hasSource) {
          errors.add(
              "invalid tmpfs source, source must be empty: remove source: from the tmpfs mount");
        }
        if (volume.tmpfs() != null) {
          ObjectNode tmpfs = mount.putObject("TmpfsOptions");
          Json.putNonZero(
              tmpfs,
              "SizeBytes",
              volume.tmpfs().size() == null ? 0 : volume.tmpfs().size().bytes());
        }
      }
      case "cluster" -> clusterVolume(volume, mount, hasSource, errors);
      default -> errors.add("volume type must be volume, bind, tmpfs, npipe, or cluster");
    }
    return mount;
  }

  private static void requireSource(String type, boolean hasSource, List<String> errors) {
    if (!hasSource) {
      errors.add(
          "invalid " + type + " source, source cannot be empty: set source: to the path to mount");
    }
  }

  private void namedVolume(ServiceVolume volume, ObjectNode mount, List<String> errors) {
    if (volume.source() == null || volume.source().isEmpty()) {
      return; // anonymous volume: the engine makes one per task
    }
    Volume declared = context.compose.volumesOrEmpty().get(volume.source());
    if (declared == null) {
      errors.add(
          "undefined volume \"" + volume.source() + "\": declare it under the top-level volumes:");
      return;
    }
    mount.put("Source", context.objectName(volume.source(), declared.name(), declared.external()));
    ObjectNode options = mount.putObject("VolumeOptions");
    if (volume.volume() != null) {
      Json.putTrue(options, "NoCopy", volume.volume().nocopy());
      Json.putText(options, "Subpath", volume.volume().subpath());
    }
    if (Boolean.TRUE.equals(declared.external())) {
      return;
    }
    options.set("Labels", Json.stringMap(context.withStackLabel(declared.labels())));
    if ((declared.driver() != null && !declared.driver().isEmpty())
        || declared.driverOpts() != null) {
      ObjectNode driver = options.putObject("DriverConfig");
      Json.putText(driver, "Name", declared.driver());
      Json.putStringMap(driver, "Options", declared.driverOpts());
    }
  }

  private void clusterVolume(
      ServiceVolume volume, ObjectNode mount, boolean hasSource, List<String> errors) {
    requireSource("cluster", hasSource, errors);
    mount.putObject("ClusterOptions");
    // a volume group (group:<name>) is neither declared nor namespaced
    if (!hasSource || volume.source().startsWith("group:")) {
      return;
    }
    Volume declared = context.compose.volumesOrEmpty().get(volume.source());
    if (declared == null) {
      errors.add(
          "undefined volume \"" + volume.source() + "\": declare it under the top-level volumes:");
      return;
    }
    mount.put(
        "Source",
        declared.name() != null && !declared.name().isEmpty()
            ? declared.name()
            : context.scope(volume.source()));
  }
}
