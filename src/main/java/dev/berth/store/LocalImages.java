package dev.berth.store;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.image.BlobReader;
import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.image.ImageConfig;
import dev.berth.image.ImageFormatException;
import dev.berth.image.ImageReference;
import dev.berth.image.Manifest;
import dev.berth.image.Platform;
import dev.berth.image.json.ImageJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The images of a store as users name them: by reference ({@code busybox}, {@code
 * localhost:5000/app:1}) or by image ID prefix, resolved to the host platform's manifest.
 */
public final class LocalImages {

  private static final Pattern ID_PREFIX = Pattern.compile("(sha256:)?[0-9a-f]{4,64}");

  private final Store store;
  private final Platform platform;

  public LocalImages(Store store, Platform platform) {
    this.store = store;
    this.platform = platform;
  }

  public LocalImages(Store store) {
    this(store, Platform.host());
  }

  /** A name whose image cannot be read: a blob it needs is missing, or a document is malformed. */
  public record BrokenRef(String name, Descriptor target, String reason) {}

  /** The images the refs name, and the refs that name nothing readable. */
  public record Listing(List<StoredImage> images, List<BrokenRef> broken) {
    public Listing {
      images = List.copyOf(images);
      broken = List.copyOf(broken);
    }
  }

  /** Every image that has a ref, each once, with all its names; broken refs are left out. */
  public List<StoredImage> list() throws IOException {
    return listing().images();
  }

  /**
   * Every image that has a ref, and every ref that cannot be resolved: one broken ref never hides
   * the others.
   */
  public Listing listing() throws IOException {
    Map<Digest, List<String>> namesByTarget = new TreeMap<>();
    Map<Digest, Descriptor> targets = new LinkedHashMap<>();
    for (Ref ref : store.refs().list()) {
      namesByTarget
          .computeIfAbsent(ref.descriptor().digest(), d -> new ArrayList<>())
          .add(ref.name());
      targets.putIfAbsent(ref.descriptor().digest(), ref.descriptor());
    }
    List<StoredImage> out = new ArrayList<>();
    List<BrokenRef> broken = new ArrayList<>();
    for (Map.Entry<Digest, List<String>> e : namesByTarget.entrySet()) {
      List<String> names = new ArrayList<>(e.getValue());
      names.sort(null);
      Descriptor target = targets.get(e.getKey());
      try {
        out.add(resolve(names, target));
      } catch (BerthException ex) {
        for (String name : names) {
          broken.add(new BrokenRef(name, target, ex.getMessage()));
        }
      }
    }
    broken.sort(Comparator.comparing(BrokenRef::name));
    return new Listing(out, broken);
  }

  /**
   * Finds an image by reference or by image ID (or a prefix of at least 4 hex digits).
   *
   * @throws BerthException NOT_FOUND or INVALID_ARGUMENT (ambiguous prefix, malformed name)
   */
  public StoredImage find(String nameOrId) throws IOException {
    Optional<String> refName = referenceName(nameOrId);
    if (refName.isPresent()) {
      Optional<Descriptor> d = store.refs().get(refName.get());
      if (d.isPresent()) {
        return resolveNamed(d.get());
      }
      Optional<Ref> pulledAs = pulledUnderRegistry(nameOrId);
      if (pulledAs.isPresent()) {
        return resolveNamed(pulledAs.get().descriptor());
      }
    }
    if (ID_PREFIX.matcher(nameOrId).matches()) {
      String hex = nameOrId.startsWith("sha256:") ? nameOrId.substring(7) : nameOrId;
      List<StoredImage> matches = new ArrayList<>();
      for (StoredImage img : list()) {
        if (img.id().hex().startsWith(hex)) {
          matches.add(img);
        }
      }
      if (matches.size() == 1) {
        return matches.get(0);
      }
      if (matches.size() > 1) {
        throw new BerthException(
            ErrorKind.INVALID_INPUT,
            "image ID prefix "
                + nameOrId
                + " is ambiguous: it matches "
                + matches.size()
                + " images");
      }
    }
    if (refName.isEmpty() && !ID_PREFIX.matcher(nameOrId).matches()) {
      throw new BerthException(ErrorKind.INVALID_INPUT, "invalid image name '" + nameOrId + "'");
    }
    throw new BerthException(ErrorKind.NOT_FOUND, "image " + nameOrId + ": not found in the store");
  }

  /**
   * The one image a short name was pulled as through registries.conf's search registries ({@code
   * app:1} stored as {@code 127.0.0.1:5000/app:1}), as podman finds it; empty for a name that names
   * its registry, or when no registry or several hold it.
   */
  private Optional<Ref> pulledUnderRegistry(String typed) throws IOException {
    if (ImageReference.namesRegistry(typed) || ID_PREFIX.matcher(typed).matches()) {
      return Optional.empty();
    }
    ImageReference asHub;
    try {
      asHub = ImageReference.parse(typed);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    String path = typed;
    int at = path.indexOf('@');
    if (at >= 0) {
      path = path.substring(0, at);
    }
    int colon = path.lastIndexOf(':');
    if (colon > path.lastIndexOf('/')) {
      path = path.substring(0, colon);
    }
    String suffix =
        "/"
            + path
            + asHub.tag().map(t -> ":" + t).orElse("")
            + asHub.digest().map(d -> "@" + d).orElse("");
    List<Ref> found = new ArrayList<>();
    for (Ref r : store.refs().list()) {
      String n = r.name();
      if (n.endsWith(suffix) && n.indexOf('/') == n.length() - suffix.length()) {
        found.add(r);
      }
    }
    return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
  }

  /**
   * {@link #find}, holding the image for this store session (as a ref would, until the store
   * closes) so a concurrent {@code rmi} and prune cannot take its content away while it is used, as
   * a base image or a {@code --from} source is during a build.
   */
  public StoredImage findHeld(String nameOrId) throws IOException {
    StoredImage img = find(nameOrId);
    for (int attempt = 0; attempt < 3; attempt++) {
      store.hold(img.target());
      // Found before the hold: it may have gone, or the name moved, in between.
      StoredImage again = find(nameOrId);
      if (again.target().digest().equals(img.target().digest())) {
        for (var layer : again.manifest().layers()) {
          if (store.content().info(layer.digest()).isEmpty()) {
            throw StoreErrors.notFound(
                "image " + nameOrId + ": layer " + layer.digest() + " (removed while in use)");
          }
        }
        return again;
      }
      img = again;
    }
    throw new BerthException(
        ErrorKind.CONFLICT, "image " + nameOrId + ": its name keeps moving to other images");
  }

  /** The full reference for a name, or empty when it is not a valid reference. */
  public static Optional<String> referenceName(String name) {
    try {
      return Optional.of(ImageReference.parse(name).toString());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private StoredImage resolveNamed(Descriptor target) throws IOException {
    List<String> names = new ArrayList<>();
    for (Ref r : store.refs().list()) {
      if (r.descriptor().digest().equals(target.digest())) {
        names.add(r.name());
      }
    }
    names.sort(null);
    return resolve(names, target);
  }

  /**
   * Resolves a ref target (manifest or index, indexes nested to any depth) to this platform's
   * manifest and config.
   *
   * @throws BerthException NOT_FOUND when a blob is missing or no manifest is for this platform,
   *     FAILED_PRECONDITION when a document is malformed
   */
  public StoredImage resolve(List<String> names, Descriptor target) throws IOException {
    String what = names.isEmpty() ? target.digest().toString() : String.join(", ", names);
    BlobReader blobs = store.content();
    try {
      Descriptor manifestDescriptor = new PlatformManifests(blobs, platform).select(target, what);
      byte[] bytes = blobs.readAll(manifestDescriptor.digest());
      Manifest manifest = ImageJson.readManifest(bytes);
      byte[] configBytes = blobs.readAll(manifest.config().digest());
      ImageConfig config = ImageJson.readConfig(configBytes);
      return new StoredImage(names, target, manifestDescriptor, manifest, config, configBytes);
    } catch (ImageFormatException e) {
      throw new BerthException(
          ErrorKind.FAILED_PRECONDITION, "image " + what + ": " + e.getMessage());
    }
  }
}
