package dev.berth.app;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code berth run} and {@code berth create} ask for, named as docker names it, as typed
 * values.
 *
 * @param entrypoint {@code --entrypoint}: replaces the image's; an empty string clears it
 * @param env {@code -e} and {@code --env-file}: set over the image's ENV, in order
 * @param networks {@code --network}: one of host or none alone, or berth networks with aliases
 * @param remove {@code --rm}: remove the container when it exits
 * @param privileges {@code --privileged}, {@code --cap-add}, {@code --cap-drop}, {@code --device}
 */
public record RunOptions(
    String image,
    Optional<String> name,
    List<String> command,
    Optional<String> entrypoint,
    Map<String, String> env,
    Optional<String> workdir,
    Optional<String> user,
    Optional<String> hostname,
    Map<String, String> labels,
    List<MountOption> mounts,
    List<ContainerNetwork> networks,
    List<PortOption> ports,
    boolean init,
    Optional<String> stopSignal,
    Optional<Duration> stopTimeout,
    boolean remove,
    boolean detach,
    boolean interactive,
    boolean tty,
    Userns userns,
    Privileges privileges,
    RunExtras extras) {

  /** A request without {@link RunExtras}. */
  public RunOptions(
      String image,
      Optional<String> name,
      List<String> command,
      Optional<String> entrypoint,
      Map<String, String> env,
      Optional<String> workdir,
      Optional<String> user,
      Optional<String> hostname,
      Map<String, String> labels,
      List<MountOption> mounts,
      List<ContainerNetwork> networks,
      List<PortOption> ports,
      boolean init,
      Optional<String> stopSignal,
      Optional<Duration> stopTimeout,
      boolean remove,
      boolean detach,
      boolean interactive,
      boolean tty,
      Userns userns,
      Privileges privileges) {
    this(
        image,
        name,
        command,
        entrypoint,
        env,
        workdir,
        user,
        hostname,
        labels,
        mounts,
        networks,
        ports,
        init,
        stopSignal,
        stopTimeout,
        remove,
        detach,
        interactive,
        tty,
        userns,
        privileges,
        RunExtras.NONE);
  }

  /**
   * The user namespace a container runs in: berth's own ({@code --userns=host} or none given), or
   * one of its own in which the host user's IDs appear unchanged ({@code --userns=keep-id}).
   */
  public enum Userns {
    SHARED,
    KEEP_ID;

    /** podman's spellings: empty or {@code host}, and {@code keep-id}. */
    public static Userns parse(String s) {
      return switch (s) {
        case "", "host" -> SHARED;
        case "keep-id" -> KEEP_ID;
        default ->
            throw new IllegalArgumentException(
                "--userns must be host or keep-id (berth supports no other mode), not '" + s + "'");
      };
    }
  }

  /** A request in berth's own user namespace. */
  public RunOptions(
      String image,
      Optional<String> name,
      List<String> command,
      Optional<String> entrypoint,
      Map<String, String> env,
      Optional<String> workdir,
      Optional<String> user,
      Optional<String> hostname,
      Map<String, String> labels,
      List<MountOption> mounts,
      List<ContainerNetwork> networks,
      List<PortOption> ports,
      boolean init,
      Optional<String> stopSignal,
      Optional<Duration> stopTimeout,
      boolean remove,
      boolean detach,
      boolean interactive,
      boolean tty) {
    this(
        image,
        name,
        command,
        entrypoint,
        env,
        workdir,
        user,
        hostname,
        labels,
        mounts,
        networks,
        ports,
        init,
        stopSignal,
        stopTimeout,
        remove,
        detach,
        interactive,
        tty,
        Userns.SHARED,
        Privileges.DEFAULT);
  }

  public RunOptions {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(name, "name");
    command = List.copyOf(command);
    Objects.requireNonNull(entrypoint, "entrypoint");
    env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
    Objects.requireNonNull(workdir, "workdir");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(hostname, "hostname");
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    mounts = List.copyOf(mounts);
    networks = List.copyOf(networks);
    if (networks.isEmpty()) {
      throw new IllegalArgumentException("a container needs a network (or none)");
    }
    ports = List.copyOf(ports);
    Objects.requireNonNull(stopSignal, "stopSignal");
    Objects.requireNonNull(stopTimeout, "stopTimeout");
    Objects.requireNonNull(userns, "userns");
    Objects.requireNonNull(privileges, "privileges");
    Objects.requireNonNull(extras, "extras");
  }

  /** This request in the user namespace {@code mode}. */
  public RunOptions withUserns(Userns mode) {
    return new RunOptions(
        image,
        name,
        command,
        entrypoint,
        env,
        workdir,
        user,
        hostname,
        labels,
        mounts,
        networks,
        ports,
        init,
        stopSignal,
        stopTimeout,
        remove,
        detach,
        interactive,
        tty,
        mode,
        privileges,
        extras);
  }

  /** This request with {@code p} for its capabilities and devices. */
  public RunOptions withPrivileges(Privileges p) {
    return new RunOptions(
        image,
        name,
        command,
        entrypoint,
        env,
        workdir,
        user,
        hostname,
        labels,
        mounts,
        networks,
        ports,
        init,
        stopSignal,
        stopTimeout,
        remove,
        detach,
        interactive,
        tty,
        userns,
        p,
        extras);
  }

  /** This request with {@code --add-host}, {@code --ulimit} and {@code --shm-size}. */
  public RunOptions withExtras(RunExtras x) {
    return new RunOptions(
        image,
        name,
        command,
        entrypoint,
        env,
        workdir,
        user,
        hostname,
        labels,
        mounts,
        networks,
        ports,
        init,
        stopSignal,
        stopTimeout,
        remove,
        detach,
        interactive,
        tty,
        userns,
        privileges,
        x);
  }

  /** A run of {@code image} with docker's defaults for everything else. */
  public static RunOptions of(String image, List<String> command) {
    return new RunOptions(
        image,
        Optional.empty(),
        command,
        Optional.empty(),
        Map.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Map.of(),
        List.of(),
        List.of(ContainerNetwork.standard()),
        List.of(),
        false,
        Optional.empty(),
        Optional.empty(),
        false,
        false,
        false,
        false);
  }
}
