package dev.berth.compose;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A mount of a service, in compose's long form.
 *
 * @param type {@code bind}, {@code volume}, {@code tmpfs}, {@code npipe}, {@code cluster} or {@code
 *     image}
 * @param source an absolute host path for a bind mount, a volume name (empty for an anonymous
 *     volume), an image reference; empty for tmpfs
 */
public record VolumeMount(
    String type,
    String source,
    String target,
    boolean readOnly,
    Optional<String> consistency,
    Optional<Bind> bind,
    Optional<VolumeOptions> volume,
    Optional<Tmpfs> tmpfs,
    Optional<String> imageSubpath) {

  public VolumeMount {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
  }

  /** Options of a bind mount. */
  public record Bind(
      Optional<String> propagation,
      boolean createHostPath,
      Optional<String> selinux,
      Optional<String> recursive) {}

  /** Options of a volume mount. */
  public record VolumeOptions(
      boolean noCopy, Optional<String> subpath, Map<String, String> labels) {
    public VolumeOptions {
      labels = Map.copyOf(labels);
    }
  }

  /**
   * Options of a tmpfs mount.
   *
   * @param size in bytes
   */
  public record Tmpfs(Optional<Long> size, Optional<Integer> mode) {}
}
