package dev.berth.container;

import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.runtime.ProcessExtras;
import dev.berth.runtime.Security;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a container is, fixed when it is created: its identity, its image, the process it runs and
 * how it is set up. Kept as {@code config.json} in the container's directory; what changes while it
 * lives is in {@link ContainerState}.
 *
 * @param args the process's arguments: the image's or the request's entrypoint and command
 * @param env {@code KEY=value}, the image's with the request's set over it
 * @param labels the container's labels (compose's {@code com.docker.compose.*} among them)
 * @param snapshotter {@code overlay} or {@code copy}: how the writable layer is made
 * @param stopTimeout seconds {@code stop} waits after the stop signal before SIGKILL
 * @param keepId a user namespace of the container's own, as {@code --userns=keep-id} asks
 * @param security its capabilities, devices and whether it is privileged, resolved at create
 */
public record ContainerSpec(
    String id,
    String name,
    Instant created,
    String image,
    Digest imageId,
    Descriptor manifest,
    List<Descriptor> layers,
    List<Digest> diffIds,
    List<String> args,
    List<String> env,
    String workdir,
    String user,
    String hostname,
    Map<String, String> labels,
    boolean tty,
    boolean interactive,
    List<MountRequest> mounts,
    NetworkMode network,
    List<PortMapping> ports,
    boolean init,
    String stopSignal,
    int stopTimeout,
    boolean autoRemove,
    String snapshotter,
    Optional<KeepId> keepId,
    Security security,
    ProcessExtras extras) {

  /** A container without docker's extras (added hosts, limits, /dev/shm size). */
  public ContainerSpec(
      String id,
      String name,
      Instant created,
      String image,
      Digest imageId,
      Descriptor manifest,
      List<Descriptor> layers,
      List<Digest> diffIds,
      List<String> args,
      List<String> env,
      String workdir,
      String user,
      String hostname,
      Map<String, String> labels,
      boolean tty,
      boolean interactive,
      List<MountRequest> mounts,
      NetworkMode network,
      List<PortMapping> ports,
      boolean init,
      String stopSignal,
      int stopTimeout,
      boolean autoRemove,
      String snapshotter,
      Optional<KeepId> keepId,
      Security security) {
    this(
        id,
        name,
        created,
        image,
        imageId,
        manifest,
        layers,
        diffIds,
        args,
        env,
        workdir,
        user,
        hostname,
        labels,
        tty,
        interactive,
        mounts,
        network,
        ports,
        init,
        stopSignal,
        stopTimeout,
        autoRemove,
        snapshotter,
        keepId,
        security,
        ProcessExtras.NONE);
  }

  public ContainerSpec {
    Objects.requireNonNull(extras, "extras");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(imageId, "imageId");
    Objects.requireNonNull(manifest, "manifest");
    layers = List.copyOf(layers);
    diffIds = List.copyOf(diffIds);
    args = List.copyOf(args);
    env = List.copyOf(env);
    Objects.requireNonNull(workdir, "workdir");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(hostname, "hostname");
    labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    mounts = List.copyOf(mounts);
    Objects.requireNonNull(network, "network");
    ports = List.copyOf(ports);
    Objects.requireNonNull(stopSignal, "stopSignal");
    Objects.requireNonNull(snapshotter, "snapshotter");
    Objects.requireNonNull(keepId, "keepId");
    Objects.requireNonNull(security, "security");
    if (args.isEmpty()) {
      throw new IllegalArgumentException("a container needs a command");
    }
  }

  /** The first 12 hex digits, as docker shows IDs. */
  public String shortId() {
    return id.substring(0, 12);
  }

  /** The attachments when the container is on berth networks, else none. */
  public List<NetworkAttachment> networks() {
    return network instanceof NetworkMode.Bridged b ? b.networks() : List.of();
  }
}
