package dev.berth.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a container's bundle holds besides its process: the root it runs on (already mounted), the
 * {@code /etc/hosts}, {@code /etc/resolv.conf} and {@code /etc/hostname} files bound over the
 * image's, a network namespace to join (one a network plugin set up) instead of the host's or a new
 * empty one, and the ID maps of a user namespace of the container's own (none: it shares berth's).
 */
public record BundleSpec(
    ProcessSpec process,
    Path rootPath,
    Path hosts,
    Path resolvConf,
    Optional<Path> hostname,
    Optional<Path> networkNamespace,
    List<IdMapping> uidMappings,
    List<IdMapping> gidMappings) {

  /** A bundle that shares berth's user namespace. */
  public BundleSpec(
      ProcessSpec process,
      Path rootPath,
      Path hosts,
      Path resolvConf,
      Optional<Path> hostname,
      Optional<Path> networkNamespace) {
    this(process, rootPath, hosts, resolvConf, hostname, networkNamespace, List.of(), List.of());
  }

  public BundleSpec {
    Objects.requireNonNull(process, "process");
    Objects.requireNonNull(rootPath, "rootPath");
    Objects.requireNonNull(hosts, "hosts");
    Objects.requireNonNull(resolvConf, "resolvConf");
    Objects.requireNonNull(hostname, "hostname");
    Objects.requireNonNull(networkNamespace, "networkNamespace");
    uidMappings = List.copyOf(uidMappings);
    gidMappings = List.copyOf(gidMappings);
    if (uidMappings.isEmpty() != gidMappings.isEmpty()) {
      throw new IllegalArgumentException("a user namespace needs both UID and GID maps");
    }
  }

  /** Whether the container gets a user namespace of its own. */
  public boolean ownUserNamespace() {
    return !uidMappings.isEmpty();
  }
}
