package dev.berth.store;

import dev.berth.image.Digest;
import java.nio.file.Path;
import java.util.Objects;

/** The directories and files under a store root. */
public record StoreLayout(Path root) {

  public StoreLayout {
    Objects.requireNonNull(root, "root");
    root = root.toAbsolutePath().normalize();
  }

  public Path blobs() {
    return root.resolve("blobs");
  }

  /** {@code blobs/<algorithm>/<hex>}. */
  public Path blob(Digest digest) {
    return blobs().resolve(digest.algorithm()).resolve(digest.hex());
  }

  public Path snapshots() {
    return root.resolve("snapshots");
  }

  /** The committed snapshots of one snapshotter ({@code overlay}, {@code copy}). */
  public Path snapshots(String driver) {
    return snapshots().resolve(driver);
  }

  /** The metadata file whose presence marks a complete snapshot directory. */
  public static final String SNAPSHOT_METADATA = "meta.json";

  /**
   * The forms local layers were turned into on their way out: {@code forms/<form>/<layer hex>}
   * holds the descriptor of the compressed blob, so a second push does not compress again.
   */
  public Path forms() {
    return root.resolve("forms");
  }

  public Path refs() {
    return root.resolve("refs");
  }

  public Path refIndex() {
    return refs().resolve("index.json");
  }

  public Path cache() {
    return root.resolve("cache");
  }

  /** Per-context file digests that make an unchanged context cheap to hash again. */
  public Path contextCache() {
    return root.resolve("context-cache");
  }

  /** The digest cache of one context directory, named by its absolute path. */
  public Path contextDigests(Path context) {
    String id =
        Digest.sha256(
                context
                    .toAbsolutePath()
                    .normalize()
                    .toString()
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .hex();
    return contextCache().resolve(id);
  }

  /** The directories of {@code RUN --mount=type=cache}, by id. */
  public Path cacheMounts() {
    return root.resolve("cache-mounts");
  }

  /** What went into each step's key at the last build of a stage, for --explain-cache. */
  public Path explain() {
    return root.resolve("explain");
  }

  /** Holds on images that garbage collection keeps (see {@link Leases}). */
  public Path leases() {
    return root.resolve("leases");
  }

  /** One directory per container: its record, state, bundle, writable layer and log. */
  public Path containers() {
    return root.resolve("containers");
  }

  /** Named volumes, one directory each, their data in {@code _data}. */
  public Path volumes() {
    return root.resolve("volumes");
  }

  /** Networks: one config file each, and the address allocations of their plugins. */
  public Path networks() {
    return root.resolve("networks");
  }

  /** What berth processes made that must not outlive them (see {@code mount.Ledger}). */
  public Path ledger() {
    return root.resolve("ledger");
  }

  public Path tmp() {
    return root.resolve("tmp");
  }

  public Path lock() {
    return root.resolve("lock");
  }
}
