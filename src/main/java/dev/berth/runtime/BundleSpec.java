package dev.berth.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a container's bundle holds besides its process: the root it runs on (already mounted), the
 * {@code /etc/hosts}, {@code /etc/resolv.conf} and {@code /etc/hostname} files bound over the
 * image's, a network namespace to join (one a network plugin set up) instead of the host's or a new
 * empty one, the ID maps of a user namespace of the container's own (none: it shares berth's), and
 * its capabilities and devices.
 */
public record BundleSpec(
    ProcessSpec process,
    Path rootPath,
    Path hosts,
    Path resolvConf,
    Optional<Path> hostname,
    Optional<Path> networkNamespace,
    List<IdMapping> uidMappings,
    List<IdMapping> gidMappings,
    Security security) {

  /** A bundle with docker's default capabilities and devices. */
  public BundleSpec(
      ProcessSpec process,
      Path rootPath,
      Path hosts,
      Path resolvConf,
      Optional<Path> hostname,
      Optional<Path> networkNamespace,
      List<IdMapping> uidMappings,
      List<IdMapping> gidMappings) {
    this(
        process,
        rootPath,
        hosts,
        resolvConf,
        hostname,
        networkNamespace,
        uidMappings,
        gidMappings,
        Security.DEFAULT);
  }

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
    Objects.requireNonNull(security, "security");
    if (uidMappings.isEmpty() != gidMappings.isEmpty()) {
      throw new IllegalArgumentException("a user namespace needs both UID and GID maps");
    }
  }

  /** This bundle with {@code security} instead. */
  public BundleSpec withSecurity(Security security) {
    return new BundleSpec(
        process,
        rootPath,
        hosts,
        resolvConf,
        hostname,
        networkNamespace,
        uidMappings,
        gidMappings,
        security);
  }

  /** Whether the container gets a user namespace of its own. */
  public boolean ownUserNamespace() {
    return !uidMappings.isEmpty();
  }
}
