package dev.berth.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.diag.BerthException;
import dev.berth.image.BlobReader;
import dev.berth.image.BlobWriter;
import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.image.ImageFormatException;
import dev.berth.image.LayerCompression;
import dev.berth.image.Manifest;
import dev.berth.image.MediaType;
import dev.berth.image.MediaType.Compression;
import dev.berth.image.json.ImageJson;
import dev.berth.layer.LayerCompressor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The forms layers leave the store in. Layers berth makes are kept uncompressed (the cheapest to
 * write and to unpack); an image that leaves ({@code push}, {@code save}, {@code --output}, a cache
 * export) gets its layers compressed here, once: the compressed blob is stored beside its source
 * and remembered under {@code forms/<form>/<source hex>}, and the garbage collector keeps it as
 * long as its source is kept, so a second push of the same image compresses nothing.
 *
 * <p>The manifest that leaves is the stored one with only the layer descriptors (and, when zstd
 * leaves in a Docker manifest, the media types) changed, written by the same codec, so an image
 * built today leaves with the same manifest digest as when the store kept gzip layers.
 */
public final class LayerForms {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Told before a form is made: making one takes seconds for a large layer. */
  @FunctionalInterface
  public interface Progress {
    void compressing(Descriptor layer, LayerCompression to);

    Progress NONE = (layer, to) -> {};
  }

  private final Store store;
  private final Progress progress;

  public LayerForms(Store store) {
    this(store, Progress.NONE);
  }

  public LayerForms(Store store, Progress progress) {
    this.store = store;
    this.progress = progress;
  }

  /** An image manifest as it leaves; {@link #blobs} serves it along with the store's blobs. */
  public record Outbound(Descriptor descriptor, Manifest manifest, byte[] bytes) {

    /** The store's blobs, and this manifest from memory (it need not be stored). */
    public BlobReader blobs(BlobReader stored) {
      Digest own = descriptor.digest();
      return new BlobReader() {
        @Override
        public Optional<Long> size(Digest digest) throws IOException {
          return digest.equals(own) ? Optional.of((long) bytes.length) : stored.size(digest);
        }

        @Override
        public InputStream open(Digest digest) throws IOException {
          return digest.equals(own) ? new ByteArrayInputStream(bytes) : stored.open(digest);
        }
      };
    }
  }

  /**
   * The image whose manifest the store holds as {@code stored}, with every layer in the form {@code
   * to} asks for; the stored manifest itself when no layer changes.
   */
  public Outbound outbound(Descriptor stored, LayerCompression to) throws IOException {
    byte[] bytes = store.content().readAll(stored.digest());
    Manifest m;
    try {
      m = ImageJson.readManifest(bytes);
    } catch (ImageFormatException e) {
      throw BerthException.invalid(
          "manifest " + stored.digest() + " in the store is unreadable: " + e.getMessage());
    }
    List<Digest> diffIds = diffIds(m);
    boolean docker = m.isDocker() && !needsOci(m, to);
    List<Descriptor> layers = new ArrayList<>();
    for (int i = 0; i < m.layers().size(); i++) {
      Descriptor l = m.layers().get(i);
      Optional<Digest> diffId =
          diffIds.size() == m.layers().size() ? Optional.of(diffIds.get(i)) : Optional.empty();
      layers.add(layer(l, diffId, to, docker));
    }
    if (layers.equals(m.layers()) && docker == m.isDocker()) {
      return new Outbound(stored, m, bytes);
    }
    Descriptor config = m.config();
    String mediaType = m.mediaType();
    if (m.isDocker() && !docker) {
      mediaType = MediaType.OCI_MANIFEST;
      config = retyped(config, MediaType.OCI_CONFIG);
    }
    Manifest out =
        new Manifest(
            m.schemaVersion(),
            mediaType,
            m.artifactType(),
            config,
            layers,
            m.subject(),
            m.annotations());
    byte[] outBytes = ImageJson.writeManifest(out);
    return new Outbound(ImageJson.descriptor(mediaType, outBytes), out, outBytes);
  }

  /**
   * One stored layer in the form {@code to} asks for, made (and remembered) when it is not there
   * yet.
   *
   * @param diffId what the layer's uncompressed digest must be, checked when the form is made
   * @param docker whether the layer goes into a Docker schema-2 manifest (its media types)
   */
  public Descriptor layer(
      Descriptor layer, Optional<Digest> diffId, LayerCompression to, boolean docker)
      throws IOException {
    if (!isPlainLayer(layer.mediaType())) {
      return layer; // foreign and unknown layers leave as they are
    }
    Compression current = MediaType.layerCompression(layer.mediaType());
    if (!to.converts(current)) {
      return docker || !layer.mediaType().startsWith("application/vnd.docker.")
          ? layer
          : retyped(layer, ociType(current));
    }
    String type = docker ? dockerType(to.compression()) : ociType(to.compression());
    Optional<Descriptor> known = remembered(layer.digest(), to);
    if (known.isPresent()) {
      return new Descriptor(type, known.get().digest(), known.get().size())
          .withAnnotations(layer.annotations());
    }
    // An uncompressed blob is its own tar, so its digest is its diff ID; a compressed one is
    // hashed as it is read.
    boolean plain = current == Compression.NONE;
    if (plain && diffId.isPresent() && !diffId.get().equals(layer.digest())) {
      throw mismatch(layer, layer.digest(), diffId.get());
    }
    progress.compressing(layer, to);
    LayerCompressor.Recompressed made;
    Digest digest;
    try (BlobWriter w = store.content().writer();
        InputStream in = store.content().open(layer.digest())) {
      made = LayerCompressor.recompress(in, w.stream(), to, !plain && diffId.isPresent());
      if (made.diffId().isPresent() && !made.diffId().equals(diffId)) {
        throw mismatch(layer, made.diffId().get(), diffId.get());
      }
      digest = w.commit(made.size(), null);
    }
    remember(layer.digest(), to, new Descriptor(type, digest, made.size()));
    return new Descriptor(type, digest, made.size()).withAnnotations(layer.annotations());
  }

  private static BerthException mismatch(Descriptor layer, Digest holds, Digest claimed) {
    return BerthException.failed(
        "layer "
            + layer.digest()
            + " holds "
            + holds
            + ", not the diff ID "
            + claimed
            + " its image claims; berth system check --repair mends the store");
  }

  /** The compressed forms remembered for any of {@code sources}: what the collector keeps. */
  Set<Digest> formsOf(Set<Digest> sources) throws IOException {
    Set<String> hex = new HashSet<>();
    sources.forEach(d -> hex.add(d.hex()));
    Set<Digest> out = new HashSet<>();
    for (Note n : notes()) {
      if (hex.contains(n.source())) {
        read(n.file()).ifPresent(d -> out.add(d.digest()));
      }
    }
    return out;
  }

  /** Every remembered form: the compressed blob, and the form's name and source layer. */
  public Map<Digest, String> describeAll() throws IOException {
    Map<Digest, String> out = new TreeMap<>();
    for (Note n : notes()) {
      String source = n.source().substring(0, Math.min(12, n.source().length()));
      read(n.file()).ifPresent(d -> out.put(d.digest(), n.form() + " form of layer " + source));
    }
    return out;
  }

  /** Forgets the forms of sources the collector removed. */
  void forgetAllBut(Set<Digest> kept) throws IOException {
    Set<String> keptHex = new HashSet<>();
    kept.forEach(d -> keptHex.add(d.hex()));
    for (Note n : notes()) {
      if (!keptHex.contains(n.source())) {
        Files.deleteIfExists(n.file());
      }
    }
  }

  /** One note: {@code forms/<form>/<source hex>}. */
  private record Note(String form, String source, Path file) {}

  /**
   * The notes there are; a name that is not a digest's hex (another process's note being written,
   * as a temporary file of its own) is none.
   */
  private List<Note> notes() throws IOException {
    List<Note> out = new ArrayList<>();
    Path root = store.layout().forms();
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (DirectoryStream<Path> forms = Files.newDirectoryStream(root)) {
      for (Path form : forms) {
        if (!Files.isDirectory(form)) {
          continue;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(form)) {
          for (Path f : files) {
            String name = f.getFileName().toString();
            if (name.matches("[0-9a-f]{64}")) {
              out.add(new Note(form.getFileName().toString(), name, f));
            }
          }
        }
      }
    }
    return out;
  }

  private Optional<Descriptor> remembered(Digest source, LayerCompression to) throws IOException {
    Optional<Descriptor> d =
        read(store.layout().forms().resolve(to.formName()).resolve(source.hex()));
    // The blob may have been collected while the note stayed; exists() also holds it for us.
    if (d.isPresent()
        && store.content().exists(d.get().digest())
        && store.content().size(d.get().digest()).equals(Optional.of(d.get().size()))) {
      return d;
    }
    return Optional.empty();
  }

  private void remember(Digest source, LayerCompression to, Descriptor form) throws IOException {
    Path dir = store.layout().forms().resolve(to.formName());
    Files.createDirectories(dir);
    AtomicFiles.write(dir.resolve(source.hex()), ImageJson.writeDescriptor(form), dir);
  }

  private static Optional<Descriptor> read(Path note) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(note);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    try {
      JsonNode n = JSON.readTree(bytes);
      return Optional.of(ImageJson.readDescriptor(n));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // a torn or foreign note: made again
    }
  }

  private List<Digest> diffIds(Manifest m) throws IOException {
    try {
      return ImageJson.readConfig(store.content().readAll(m.config().digest())).diffIds();
    } catch (ImageFormatException | BerthException e) {
      return List.of(); // not an image config (a cache artifact): nothing to check against
    }
  }

  /** zstd has no Docker media type: such an image leaves as an OCI manifest. */
  private static boolean needsOci(Manifest m, LayerCompression to) {
    if (to.compression() != Compression.ZSTD) {
      return false;
    }
    return m.layers().stream()
        .anyMatch(l -> isPlainLayer(l.mediaType()) && to.converts(compressionOf(l)));
  }

  private static Compression compressionOf(Descriptor l) {
    return MediaType.layerCompression(l.mediaType());
  }

  private static boolean isPlainLayer(String type) {
    return switch (type) {
      case MediaType.OCI_LAYER,
          MediaType.OCI_LAYER_GZIP,
          MediaType.OCI_LAYER_ZSTD,
          MediaType.DOCKER_LAYER,
          MediaType.DOCKER_LAYER_GZIP ->
          true;
      default -> false;
    };
  }

  private static String ociType(Compression c) {
    return dev.berth.layer.Compression.layerMediaType(c);
  }

  private static String dockerType(Compression c) {
    return switch (c) {
      case NONE -> MediaType.DOCKER_LAYER;
      case GZIP -> MediaType.DOCKER_LAYER_GZIP;
      case ZSTD -> throw new AssertionError("zstd leaves in an OCI manifest");
    };
  }

  private static Descriptor retyped(Descriptor d, String mediaType) {
    return new Descriptor(mediaType, d.digest(), d.size(), d.annotations(), d.platform());
  }
}
