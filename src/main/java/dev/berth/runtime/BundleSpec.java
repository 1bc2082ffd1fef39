package dev.berth.runtime;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What a container's bundle holds besides its process: the root it runs on (already mounted), the
 * {@code /etc/hosts}, {@code /etc/resolv.conf} and {@code /etc/hostname} files bound over the
 * image's, and a network namespace to join (one a network plugin set up) instead of the host's or a
 * new empty one.
 */
public record BundleSpec(
    ProcessSpec process,
    Path rootPath,
    Path hosts,
    Path resolvConf,
    Optional<Path> hostname,
    Optional<Path> networkNamespace) {

  public BundleSpec {
    Objects.requireNonNull(process, "process");
    Objects.requireNonNull(rootPath, "rootPath");
    Objects.requireNonNull(hosts, "hosts");
    Objects.requireNonNull(resolvConf, "resolvConf");
    Objects.requireNonNull(hostname, "hostname");
    Objects.requireNonNull(networkNamespace, "networkNamespace");
  }
}
