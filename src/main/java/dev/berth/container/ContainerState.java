package dev.berth.container;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What changes while a container lives, kept as {@code state.json} beside its spec. Resources are
 * recorded before they are made (a mounted root, a network namespace), so that after a crash of any
 * berth process at any moment the next command knows what to take down.
 *
 * @param conmonPid the monitor's process, when a monitor supervises the container
 * @param rootMounted the writable root is (or may be) mounted at the bundle's rootfs
 * @param netns the network namespace's name under /run/netns, when one is (or may be) made
 * @param addresses the container's address on each network it is attached to
 */
public record ContainerState(
    Status status,
    long pid,
    long conmonPid,
    Optional<Instant> startedAt,
    Optional<Instant> finishedAt,
    int exitCode,
    boolean rootMounted,
    Optional<String> netns,
    List<Address> addresses) {

  /** docker's container states that berth has. */
  public enum Status {
    CREATED,
    RUNNING,
    EXITED,
    REMOVING;

    /** {@code created}, {@code running}, ... as docker's {@code State.Status}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** An address on one network. */
  public record Address(String network, String ip, int prefixLength, String gateway, String mac) {
    public Address {
      Objects.requireNonNull(network, "network");
      Objects.requireNonNull(ip, "ip");
      Objects.requireNonNull(gateway, "gateway");
      Objects.requireNonNull(mac, "mac");
    }
  }

  public ContainerState {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    Objects.requireNonNull(netns, "netns");
    addresses = List.copyOf(addresses);
  }

  public static ContainerState created() {
    return new ContainerState(
        Status.CREATED,
        0,
        0,
        Optional.empty(),
        Optional.empty(),
        0,
        false,
        Optional.empty(),
        List.of());
  }

  public ContainerState withStatus(Status s) {
    return new ContainerState(
        s, pid, conmonPid, startedAt, finishedAt, exitCode, rootMounted, netns, addresses);
  }

  public ContainerState running(long newPid, long newConmonPid, Instant at) {
    return new ContainerState(
        Status.RUNNING,
        newPid,
        newConmonPid,
        Optional.of(at),
        Optional.empty(),
        0,
        rootMounted,
        netns,
        addresses);
  }

  public ContainerState exited(int code, Instant at) {
    return new ContainerState(
        Status.EXITED, 0, 0, startedAt, Optional.of(at), code, rootMounted, netns, addresses);
  }

  public ContainerState withRootMounted(boolean mounted) {
    return new ContainerState(
        status, pid, conmonPid, startedAt, finishedAt, exitCode, mounted, netns, addresses);
  }

  public ContainerState withNetns(Optional<String> ns) {
    return new ContainerState(
        status, pid, conmonPid, startedAt, finishedAt, exitCode, rootMounted, ns, addresses);
  }

  public ContainerState withAddresses(List<Address> a) {
    return new ContainerState(
        status, pid, conmonPid, startedAt, finishedAt, exitCode, rootMounted, netns, a);
  }
}
