package dev.berth.runtime;

import dev.berth.mount.MountSpec;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The process to run in a container: its arguments ({@code args[0]} is looked up on the container's
 * {@code PATH}), environment as {@code KEY=value}, working directory, user, whether it gets a
 * terminal, its network, host name, extra mounts, an optional time limit, and docker's extras
 * ({@code --add-host}, {@code --ulimit}, {@code --shm-size}).
 */
public record ProcessSpec(
    List<String> args,
    List<String> env,
    String cwd,
    UserSpec user,
    boolean tty,
    NetworkMode network,
    String hostname,
    List<MountSpec> extraMounts,
    Optional<Duration> timeout,
    ProcessExtras extras) {

  /** A process with none of docker's extras (no added hosts, default limits). */
  public ProcessSpec(
      List<String> args,
      List<String> env,
      String cwd,
      UserSpec user,
      boolean tty,
      NetworkMode network,
      String hostname,
      List<MountSpec> extraMounts,
      Optional<Duration> timeout) {
    this(args, env, cwd, user, tty, network, hostname, extraMounts, timeout, ProcessExtras.NONE);
  }

  public ProcessSpec {
    Objects.requireNonNull(extras, "extras");
    args = List.copyOf(args);
    env = List.copyOf(env);
    Objects.requireNonNull(cwd, "cwd");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(hostname, "hostname");
    extraMounts = List.copyOf(extraMounts);
    Objects.requireNonNull(timeout, "timeout");
    if (args.isEmpty()) {
      throw new IllegalArgumentException("no command to run");
    }
    if (!cwd.startsWith("/")) {
      throw new IllegalArgumentException("working directory is not absolute: " + cwd);
    }
    for (String e : env) {
      if (e.indexOf('=') <= 0) {
        throw new IllegalArgumentException("environment entry is not KEY=value: " + e);
      }
    }
    for (MountSpec m : extraMounts) {
      if (!m.target().startsWith("/")) {
        throw new IllegalArgumentException("mount target is not absolute: " + m.target());
      }
    }
  }

  /** A process as root in {@code /}, no terminal, host network, host name {@code berth}. */
  public static ProcessSpec of(List<String> args) {
    return new ProcessSpec(
        args,
        List.of(),
        "/",
        UserSpec.ROOT,
        false,
        NetworkMode.HOST,
        "berth",
        List.of(),
        Optional.empty());
  }

  public ProcessSpec withEnv(List<String> env) {
    return new ProcessSpec(
        args, env, cwd, user, tty, network, hostname, extraMounts, timeout, extras);
  }

  public ProcessSpec withCwd(String cwd) {
    return new ProcessSpec(
        args, env, cwd, user, tty, network, hostname, extraMounts, timeout, extras);
  }

  public ProcessSpec withUser(UserSpec user) {
    return new ProcessSpec(
        args, env, cwd, user, tty, network, hostname, extraMounts, timeout, extras);
  }

  public ProcessSpec withTty(boolean tty) {
    return new ProcessSpec(
        args, env, cwd, user, tty, network, hostname, extraMounts, timeout, extras);
  }

  public ProcessSpec withNetwork(NetworkMode network) {
    return new ProcessSpec(
        args, env, cwd, user, tty, network, hostname, extraMounts, timeout, extras);
  }

  public ProcessSpec withHostname(String hostname) {
    return new ProcessSpec(
        args, env, cwd, user, tty, network, hostname, extraMounts, timeout, extras);
  }

  public ProcessSpec withExtraMounts(List<MountSpec> extraMounts) {
    return new ProcessSpec(
        args, env, cwd, user, tty, network, hostname, extraMounts, timeout, extras);
  }

  public ProcessSpec withExtras(ProcessExtras extras) {
    return new ProcessSpec(
        args, env, cwd, user, tty, network, hostname, extraMounts, timeout, extras);
  }

  public ProcessSpec withTimeout(Duration timeout) {
    return new ProcessSpec(
        args, env, cwd, user, tty, network, hostname, extraMounts, Optional.of(timeout), extras);
  }
}
