package dev.berth.store;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.image.BlobReader;
import dev.berth.image.Descriptor;
import dev.berth.image.ImageConfig;
import dev.berth.image.Index;
import dev.berth.image.Manifest;
import dev.berth.image.MediaType;
import dev.berth.image.Platform;
import dev.berth.image.json.ImageJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Chooses one platform's manifest below a manifest or an index, following nested indexes: what a
 * ref points at is resolved this way when an image is used, and an archive's images when loaded.
 */
public final class PlatformManifests {

  /** The code of an index that holds no manifest for the platform asked for. */
  public static final String NO_PLATFORM = "no-platform-manifest";

  // A loop of indexes is impossible with digests, but a deep chain is only a way to waste time.
  private static final int MAX_INDEX_DEPTH = 8;
  private static final String REFERENCE_TYPE = "vnd.docker.reference.type";

  private final BlobReader blobs;
  private final Platform platform;

  public PlatformManifests(BlobReader blobs, Platform platform) {
    this.blobs = blobs;
    this.platform = platform;
  }

  /**
   * The manifest for this platform at or below {@code d}.
   *
   * @param what the image, for messages
   * @throws BerthException NOT_FOUND (code {@link #NO_PLATFORM}) when there is none
   * @throws dev.berth.image.ImageFormatException when a document is malformed
   */
  public Descriptor select(Descriptor d, String what) throws IOException {
    return platformManifest(d, what, 0);
  }

  /**
   * The manifest for this platform below {@code d}: {@code d} itself when it is a manifest, else
   * the first entry of the index that is for this platform, following nested indexes. An entry with
   * no platform is judged by its config's os and architecture, as containerd does; attestation
   * manifests (buildx's {@code unknown/unknown}) never match.
   */
  private Descriptor platformManifest(Descriptor d, String what, int depth) throws IOException {
    byte[] bytes = blobs.readAll(d.digest());
    String type = ImageJson.mediaTypeOf(bytes);
    if (!MediaType.isIndex(type)) {
      if (!MediaType.isManifest(type)) {
        throw new BerthException(
            ErrorKind.FAILED_PRECONDITION,
            "image " + what + ": " + d.digest() + " has media type '" + type + "'");
      }
      return d;
    }
    if (depth >= MAX_INDEX_DEPTH) {
      throw new BerthException(
          ErrorKind.FAILED_PRECONDITION,
          "image " + what + ": indexes nested more than " + MAX_INDEX_DEPTH + " deep");
    }
    Index index = ImageJson.readIndex(bytes);
    for (Descriptor m : index.manifests()) {
      if (m.annotations().containsKey(REFERENCE_TYPE)) {
        continue;
      }
      if (m.platform().isPresent() && !matches(m.platform().get())) {
        continue;
      }
      if (MediaType.isIndex(m.mediaType())) {
        try {
          return platformManifest(m, what, depth + 1);
        } catch (BerthException e) {
          if (e.kind() != ErrorKind.NOT_FOUND || !e.code().equals(NO_PLATFORM)) {
            throw e;
          }
          continue;
        }
      }
      if (m.platform().isPresent() || configMatches(m)) {
        return m;
      }
    }
    throw new BerthException(
        ErrorKind.NOT_FOUND,
        NO_PLATFORM,
        "image "
            + what
            + " has no manifest for "
            + platform
            + " (index "
            + d.digest().shortHex()
            + " has: "
            + platforms(index)
            + ")");
  }

  private boolean matches(Platform p) {
    return p.os().equals(platform.os())
        && p.architecture().equals(platform.architecture())
        && (platform.variant().isEmpty() || p.variant().equals(platform.variant()));
  }

  /** Whether a manifest listed without a platform is for this one, by its config. */
  private boolean configMatches(Descriptor m) throws IOException {
    byte[] bytes = blobs.readAll(m.digest());
    String type = ImageJson.mediaTypeOf(bytes);
    if (!MediaType.isManifest(type)) {
      return false;
    }
    Manifest manifest = ImageJson.readManifest(bytes);
    ImageConfig config = ImageJson.readConfig(blobs.readAll(manifest.config().digest()));
    return matches(config.platform());
  }

  private static String platforms(Index index) {
    List<String> p = new ArrayList<>();
    for (Descriptor d : index.manifests()) {
      p.add(d.platform().map(Platform::toString).orElse("unknown"));
    }
    return String.join(", ", p).toLowerCase(Locale.ROOT);
  }
}
