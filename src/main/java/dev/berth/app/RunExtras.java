package dev.berth.app;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * {@code docker run}'s {@code --add-host}, {@code --ulimit} and {@code --shm-size}: more lines in
 * the container's {@code /etc/hosts} ({@code host-gateway} is its network's gateway, or loopback on
 * the host's network), its processes' resource limits, and the size of its {@code /dev/shm}.
 */
public record RunExtras(List<ExtraHost> extraHosts, List<Ulimit> ulimits, OptionalLong shmSize) {

  public static final RunExtras NONE = new RunExtras(List.of(), List.of(), OptionalLong.empty());

  public RunExtras {
    extraHosts = List.copyOf(extraHosts);
    ulimits = List.copyOf(ulimits);
    Objects.requireNonNull(shmSize, "shmSize");
  }
}
