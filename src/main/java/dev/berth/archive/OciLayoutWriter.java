package dev.berth.archive;

import dev.berth.image.BlobReader;
import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.image.ImageReference;
import dev.berth.image.Index;
import dev.berth.image.json.ImageJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes images as an OCI image layout (as a tar): {@code oci-layout}, {@code index.json} with one
 * entry per name, and {@code blobs/sha256/...}.
 */
public final class OciLayoutWriter {

  /** The annotation holding the tag, read by skopeo and umoci ({@code dir:TAG}). */
  static final String REF_NAME = "org.opencontainers.image.ref.name";

  /** The annotation holding the full name, read by containerd and docker. */
  static final String IMAGE_NAME = "io.containerd.image.name";

  private OciLayoutWriter() {}

  public static void write(BlobReader blobs, List<ExportedImage> images, OutputStream out)
      throws IOException {
    BlobSet set = new BlobSet();
    List<Descriptor> entries = new ArrayList<>();
    for (ExportedImage img : images) {
      set.add(img.manifestDescriptor());
      set.add(img.manifest().config());
      img.manifest().layers().forEach(set::add);
      Descriptor plain =
          new Descriptor(
              img.manifestDescriptor().mediaType(),
              img.manifestDescriptor().digest(),
              img.manifestDescriptor().size());
      if (img.names().isEmpty()) {
        entries.add(plain);
      }
      for (ImageReference name : img.names()) {
        Map<String, String> a = new TreeMap<>();
        a.put(IMAGE_NAME, name.toString());
        name.tag().ifPresent(t -> a.put(REF_NAME, t));
        entries.add(plain.withAnnotations(a));
      }
    }
    byte[] index = ImageJson.writeIndex(Index.oci(entries));
    try (TarWriter tar = new TarWriter(out)) {
      tar.file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
      tar.file("index.json", index);
      for (Map.Entry<Digest, Long> b : set.sizes().entrySet()) {
        try (InputStream in = blobs.open(b.getKey())) {
          tar.file(BlobSet.path(b.getKey()), b.getValue(), in);
        }
      }
    }
  }
}
