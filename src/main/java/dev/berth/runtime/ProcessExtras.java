package dev.berth.runtime;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What docker's {@code --add-host}, {@code --ulimit} and {@code --shm-size} change for a process:
 * more lines in its {@code /etc/hosts}, its resource limits (the OCI config's {@code rlimits}, -1
 * for unlimited) and the size of its {@code /dev/shm}.
 */
public record ProcessExtras(List<HostEntry> hosts, List<Rlimit> rlimits, OptionalLong shmSize) {

  /** Nothing added: docker's defaults. */
  public static final ProcessExtras NONE =
      new ProcessExtras(List.of(), List.of(), OptionalLong.empty());

  /** One {@code /etc/hosts} line. */
  public record HostEntry(String name, String ip) {
    public HostEntry {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(ip, "ip");
    }
  }

  /** One resource limit: {@code RLIMIT_NOFILE} and its soft and hard values (-1: unlimited). */
  public record Rlimit(String type, long soft, long hard) {
    public Rlimit {
      Objects.requireNonNull(type, "type");
    }
  }

  public ProcessExtras {
    hosts = List.copyOf(hosts);
    rlimits = List.copyOf(rlimits);
    Objects.requireNonNull(shmSize, "shmSize");
    if (shmSize.isPresent() && shmSize.getAsLong() <= 0) {
      throw new IllegalArgumentException("the size of /dev/shm must be positive");
    }
  }

  /** The lines to add to {@code /etc/hosts}, each ending in a newline. */
  public String hostsLines() {
    StringBuilder sb = new StringBuilder();
    for (HostEntry h : hosts) {
      sb.append(h.ip()).append('\t').append(h.name()).append('\n');
    }
    return sb.toString();
  }
}
