package dev.berth.store;

import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.image.ImageConfig;
import dev.berth.image.Manifest;
import java.util.List;
import java.util.Objects;

/**
 * An image in the store, resolved down to one platform's manifest and config.
 *
 * @param names the refs that point at it (full references), sorted; empty for an untagged image
 * @param target what the refs point at: the manifest, or an index that holds it
 * @param manifestDescriptor the platform manifest
 * @param configBytes the config exactly as stored (its digest is the image ID)
 */
public record StoredImage(
    List<String> names,
    Descriptor target,
    Descriptor manifestDescriptor,
    Manifest manifest,
    ImageConfig config,
    byte[] configBytes) {

  public StoredImage {
    names = List.copyOf(names);
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(manifestDescriptor, "manifestDescriptor");
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(configBytes, "configBytes");
  }

  /** The image ID: the digest of its config, as docker shows it. */
  public Digest id() {
    return manifest.config().digest();
  }

  /** The compressed size of its layers and config. */
  public long size() {
    return manifest.config().size() + manifest.layers().stream().mapToLong(Descriptor::size).sum();
  }
}
