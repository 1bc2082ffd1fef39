package dev.berth.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.diag.BerthException;
import dev.berth.image.BlobErrors;
import dev.berth.image.BlobWriter;
import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.image.ImageConfig;
import dev.berth.image.ImageFormatException;
import dev.berth.image.ImageReference;
import dev.berth.image.Index;
import dev.berth.image.Manifest;
import dev.berth.image.MediaType;
import dev.berth.image.Platform;
import dev.berth.image.json.ImageJson;
import dev.berth.layer.Compression;
import dev.berth.layer.DiffIds;
import dev.berth.store.ContentStore;
import dev.berth.store.PlatformManifests;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads docker-archive tars ({@code docker save}) and OCI image layouts (a directory or a tar of
 * one) into the store, telling them apart by their contents. Every blob is verified; on any error
 * the blobs this load added are removed again, so the store is as it was.
 */
public final class ArchiveLoader {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TAG_ONLY = Pattern.compile("[\\w][\\w.-]{0,127}");

  private static final int MAX_DEPTH = 8;

  private final ContentStore content;
  private final Path tempDir;
  private final Platform platform;
  private final Set<Digest> added = new LinkedHashSet<>();

  /**
   * @param tempDir where a compressed archive is decompressed before reading
   * @param platform whose manifest an index's image ID is taken from
   */
  public ArchiveLoader(ContentStore content, Path tempDir, Platform platform) {
    this.content = content;
    this.tempDir = tempDir;
    this.platform = platform;
  }

  public ArchiveLoader(ContentStore content, Path tempDir) {
    this(content, tempDir, Platform.host());
  }

  /** Loads every image of the archive; the caller records refs for their names. */
  public List<LoadedImage> load(Path input) throws IOException {
    added.clear();
    Path decompressed = null;
    try {
      if (!Files.exists(input)) {
        throw ArchiveErrors.bad(input + ": no such file or directory");
      }
      ArchiveSource source;
      if (Files.isDirectory(input)) {
        source = ArchiveSource.directory(input);
      } else {
        decompressed = decompressIfNeeded(input);
        Path tar = decompressed != null ? decompressed : input;
        if (!looksLikeTar(tar)) {
          throw ArchiveErrors.bad(
              input + ": neither a docker-archive nor an OCI archive (not a tar file)");
        }
        source = ArchiveSource.tar(tar);
      }
      try (source) {
        if (source.size("oci-layout").isPresent() && source.size("index.json").isPresent()) {
          return loadOci(source, input);
        }
        if (source.size("manifest.json").isPresent()) {
          return loadDocker(source, input);
        }
        throw ArchiveErrors.bad(
            input
                + ": neither a docker-archive (no manifest.json) nor an OCI layout"
                + " (no oci-layout and index.json)");
      }
    } catch (IOException | RuntimeException e) {
      rollback();
      if (e instanceof ImageFormatException f) {
        throw ArchiveErrors.bad(input + ": " + f.getMessage());
      }
      throw e;
    } finally {
      if (decompressed != null) {
        Files.deleteIfExists(decompressed);
      }
    }
  }

  /**
   * Removes the blobs the last {@link #load} added, for a caller whose own step after the load
   * failed (such as unpacking the layers), so the store is as it was before.
   */
  public void discard() {
    rollback();
  }

  private void rollback() {
    for (Digest d : added) {
      try {
        content.delete(d);
      } catch (IOException | RuntimeException ignored) {
        // Unreferenced, so garbage collection removes it later.
      }
    }
    added.clear();
  }

  private Path decompressIfNeeded(Path input) throws IOException {
    try (BufferedInputStream in = new BufferedInputStream(Files.newInputStream(input))) {
      if (Compression.sniff(in) == MediaType.Compression.NONE) {
        return null;
      }
      Files.createDirectories(tempDir);
      Path out = Files.createTempFile(tempDir, "load-", ".tar");
      try (InputStream d = Compression.decompressed(in);
          OutputStream o = Files.newOutputStream(out)) {
        d.transferTo(o);
      } catch (IOException e) {
        Files.deleteIfExists(out);
        throw ArchiveErrors.bad(input + ": cannot decompress: " + e.getMessage());
      }
      return out;
    }
  }

  private static boolean looksLikeTar(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] header = in.readNBytes(512);
      if (header.length < 512) {
        return false;
      }
      String magic = new String(header, 257, 5, StandardCharsets.US_ASCII);
      return magic.equals("ustar");
    }
  }

  // --- OCI layouts ---

  private List<LoadedImage> loadOci(ArchiveSource source, Path input) throws IOException {
    JsonNode layout = readJson(source, "oci-layout", input);
    if (!"1.0.0".equals(layout.path("imageLayoutVersion").asText())) {
      throw ArchiveErrors.bad(
          input
              + ": oci-layout: unsupported imageLayoutVersion '"
              + layout.path("imageLayoutVersion").asText()
              + "' (expected 1.0.0)");
    }
    Index index = ImageJson.readIndex(readAll(source, "index.json", input));
    List<LoadedImage> out = new ArrayList<>();
    if (index.manifests().isEmpty()) {
      throw ArchiveErrors.bad(input + ": index.json lists no images");
    }
    for (Descriptor d : index.manifests()) {
      copyTree(source, d, input, 0);
      out.add(new LoadedImage(ociNames(d), stripped(d), imageId(d, input)));
    }
    return out;
  }

  private static Descriptor stripped(Descriptor d) {
    return new Descriptor(d.mediaType(), d.digest(), d.size());
  }

  private static List<String> ociNames(Descriptor d) {
    List<String> names = new ArrayList<>();
    String full = d.annotations().get(OciLayoutWriter.IMAGE_NAME);
    String ref = d.annotations().get(OciLayoutWriter.REF_NAME);
    if (full != null) {
      parseName(full).ifPresent(names::add);
    } else if (ref != null && !TAG_ONLY.matcher(ref).matches()) {
      parseName(ref).ifPresent(names::add);
    }
    return names;
  }

  private static Optional<String> parseName(String name) {
    try {
      return Optional.of(ImageReference.parse(name).toString());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * The image ID of what {@code index.json} names: the config of this platform's manifest, found
   * through nested indexes as it will be when the image is used, so a name is never recorded for an
   * index that nothing here could run.
   */
  private Digest imageId(Descriptor d, Path input) throws IOException {
    Descriptor m;
    try {
      m = new PlatformManifests(content, platform).select(d, d.digest().toString());
    } catch (BerthException e) {
      throw ArchiveErrors.bad(input + ": " + e.getMessage());
    }
    return ImageJson.readManifest(content.readAll(m.digest())).config().digest();
  }

  /** Copies a manifest or index and everything it references. */
  private void copyTree(ArchiveSource source, Descriptor d, Path input, int depth)
      throws IOException {
    if (depth > MAX_DEPTH) {
      throw ArchiveErrors.bad(input + ": indexes nested more than " + MAX_DEPTH + " deep");
    }
    byte[] bytes = copyBlobAndRead(source, d, input);
    String type = d.mediaType().isEmpty() ? ImageJson.mediaTypeOf(bytes) : d.mediaType();
    if (MediaType.isIndex(type)) {
      Index index = ImageJson.readIndex(bytes);
      if (index.manifests().isEmpty()) {
        throw ArchiveErrors.bad(input + ": index " + d.digest() + " lists no manifests");
      }
      for (Descriptor m : index.manifests()) {
        copyTree(source, m, input, depth + 1);
      }
      return;
    }
    if (!MediaType.isManifest(type)) {
      throw ArchiveErrors.bad(
          input
              + ": index.json names "
              + d.digest()
              + " of media type '"
              + type
              + "', which is neither a manifest nor an index");
    }
    Manifest m = ImageJson.readManifest(bytes);
    ImageConfig config = ImageJson.readConfig(copyBlobAndRead(source, m.config(), input));
    for (Descriptor layer : m.layers()) {
      copyBlob(source, layer, input);
    }
    // Also for layers the store had already: what counts is this config's claim about them.
    DiffIds.verify(content, m.layers(), config.diffIds(), input + ": manifest " + d.digest());
  }

  private byte[] copyBlobAndRead(ArchiveSource source, Descriptor d, Path input)
      throws IOException {
    copyBlob(source, d, input);
    return content.readAll(d.digest());
  }

  private void copyBlob(ArchiveSource source, Descriptor d, Path input) throws IOException {
    if (content.exists(d.digest())) {
      return;
    }
    String path = BlobSet.path(d.digest());
    Optional<Long> size = source.size(path);
    if (size.isEmpty()) {
      throw ArchiveErrors.bad(input + ": blob " + d.digest() + " is missing (" + path + ")");
    }
    try (InputStream in = source.open(path)) {
      content.put(in, d.size(), d.digest());
    } catch (BerthException e) {
      if (!BlobErrors.isMismatch(e)) {
        throw e;
      }
      throw ArchiveErrors.bad(input + ": blob " + path + " is corrupt: " + e.getMessage());
    }
    added.add(d.digest());
  }

  // --- docker-archive ---

  private List<LoadedImage> loadDocker(ArchiveSource source, Path input) throws IOException {
    JsonNode manifest = readJson(source, "manifest.json", input);
    if (!manifest.isArray() || manifest.isEmpty()) {
      throw ArchiveErrors.bad(input + ": manifest.json: expected a non-empty array of images");
    }
    List<LoadedImage> out = new ArrayList<>();
    int i = 0;
    for (JsonNode entry : manifest) {
      String where = input + ": manifest.json[" + i++ + "]";
      String configPath = entry.path("Config").asText("");
      if (configPath.isEmpty()) {
        throw ArchiveErrors.bad(where + ": no Config");
      }
      byte[] configBytes = readAll(source, configPath, input);
      ImageConfig config;
      try {
        config = ImageJson.readConfig(configBytes);
      } catch (ImageFormatException e) {
        throw ArchiveErrors.bad(where + ": " + configPath + ": " + e.getMessage());
      }
      Digest configDigest = putBytes(configBytes);
      List<Descriptor> layers = new ArrayList<>();
      JsonNode layerPaths = entry.path("Layers");
      if (layerPaths.size() != config.diffIds().size()) {
        throw ArchiveErrors.bad(
            where
                + ": "
                + layerPaths.size()
                + " layers, but the config lists "
                + config.diffIds().size()
                + " diff IDs");
      }
      for (int l = 0; l < layerPaths.size(); l++) {
        layers.add(loadLayer(source, layerPaths.get(l).asText(), config.diffIds(), l, where));
      }
      Descriptor configDescriptor =
          new Descriptor(MediaType.OCI_CONFIG, configDigest, configBytes.length);
      byte[] manifestBytes = ImageJson.writeManifest(Manifest.oci(configDescriptor, layers));
      Descriptor manifestDescriptor = ImageJson.descriptor(MediaType.OCI_MANIFEST, manifestBytes);
      putBytes(manifestBytes);
      List<String> names = new ArrayList<>();
      for (JsonNode tag : entry.path("RepoTags")) {
        Optional<String> name = parseName(tag.asText());
        if (name.isEmpty()) {
          throw ArchiveErrors.bad(where + ": invalid RepoTag '" + tag.asText() + "'");
        }
        names.add(name.get());
      }
      out.add(new LoadedImage(names, manifestDescriptor, configDigest));
    }
    return out;
  }

  private Digest putBytes(byte[] bytes) throws IOException {
    Digest d = Digest.sha256(bytes);
    if (!content.exists(d)) {
      content.put(bytes);
      added.add(d);
    }
    return d;
  }

  /** Stores a layer as it is in the archive and checks its uncompressed digest. */
  private Descriptor loadLayer(
      ArchiveSource source, String path, List<Digest> diffIds, int index, String where)
      throws IOException {
    if (source.size(path).isEmpty()) {
      throw ArchiveErrors.bad(where + ": layer " + path + " is missing");
    }
    MediaType.Compression compression;
    Digest blob;
    long size;
    try (BufferedInputStream in = new BufferedInputStream(source.open(path), 64 * 1024);
        BlobWriter w = content.writer()) {
      compression = Compression.sniff(in);
      in.transferTo(w.stream());
      size = w.size();
      blob = w.digest();
      boolean existed = content.exists(blob);
      w.commit(size, blob);
      if (!existed) {
        added.add(blob);
      }
    }
    Digest actual;
    try {
      actual = DiffIds.of(content, blob);
    } catch (IOException e) {
      throw ArchiveErrors.bad(where + ": layer " + path + " is corrupt: " + e.getMessage());
    }
    if (!actual.equals(diffIds.get(index))) {
      throw DiffIds.mismatch(where, index, diffIds.size(), path, actual, diffIds.get(index));
    }
    return new Descriptor(Compression.layerMediaType(compression), blob, size);
  }

  private static byte[] readAll(ArchiveSource source, String name, Path input) throws IOException {
    if (source.size(name).isEmpty()) {
      throw ArchiveErrors.bad(input + ": missing " + name);
    }
    try (InputStream in = source.open(name)) {
      return in.readAllBytes();
    }
  }

  private static JsonNode readJson(ArchiveSource source, String name, Path input)
      throws IOException {
    try {
      return JSON.readTree(readAll(source, name, input));
    } catch (JsonProcessingException e) {
      throw ArchiveErrors.bad(
          input + ": " + name + " is not valid JSON: " + e.getOriginalMessage());
    }
  }
}
