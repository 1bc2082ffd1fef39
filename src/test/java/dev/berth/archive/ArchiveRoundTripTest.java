package dev.berth.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.diag.BerthException;
import dev.berth.image.Digest;
import dev.berth.image.ImageReference;
import dev.berth.layer.DiffIds;
import dev.berth.store.Store;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveRoundTripTest {

  @TempDir Path tmp;
  Store source;
  Store target;
  TestImages.Made image;

  @BeforeEach
  void setUp() throws IOException {
    source = Store.open(tmp.resolve("a"));
    target = Store.open(tmp.resolve("b"));
    image = TestImages.make(source, Map.of("hello.txt", "hi\n", "etc/os-release", "ID=test\n"));
  }

  private Path save(boolean oci, String... names) throws IOException {
    Path file = tmp.resolve(oci ? "oci.tar" : "docker.tar");
    List<ImageReference> refs = Stream.of(names).map(ImageReference::parse).toList();
    try (OutputStream out = Files.newOutputStream(file)) {
      ExportedImage img = new ExportedImage(refs, image.manifestDescriptor(), image.manifest());
      if (oci) {
        OciLayoutWriter.write(source.content(), List.of(img), out);
      } else {
        DockerArchiveWriter.write(source.content(), List.of(img), out);
      }
    }
    return file;
  }

  private ArchiveLoader loader() {
    return new ArchiveLoader(target.content(), tmp.resolve("t"));
  }

  @Test
  void dockerArchiveRoundTripKeepsImageIdAndNames() throws IOException {
    List<LoadedImage> loaded = loader().load(save(false, "busybox", "localhost:5000/x/y:2"));
    assertThat(loaded)
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.imageId()).isEqualTo(image.manifest().config().digest());
              assertThat(l.names())
                  .containsExactly("docker.io/library/busybox:latest", "localhost:5000/x/y:2");
            });
    for (var layer : image.manifest().layers()) {
      assertThat(target.content().exists(layer.digest())).isTrue();
    }
  }

  @Test
  void ociLayoutRoundTripKeepsTheManifestDigest() throws IOException {
    List<LoadedImage> loaded = loader().load(save(true, "example.com/app:1"));
    assertThat(loaded)
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.target().digest()).isEqualTo(image.manifestDescriptor().digest());
              assertThat(l.names()).containsExactly("example.com/app:1");
            });
  }

  @Test
  void savedArchivesAreByteForByteReproducible() throws IOException {
    byte[] first = Files.readAllBytes(save(true, "app:1"));
    byte[] second = Files.readAllBytes(save(true, "app:1"));
    assertThat(second).isEqualTo(first);
  }

  @Test
  void aGzippedDockerArchiveLoads() throws IOException {
    Path plain = save(false, "app:1");
    Path gz = tmp.resolve("docker.tar.gz");
    Files.write(gz, TestImages.gzip(Files.readAllBytes(plain)));
    assertThat(loader().load(gz)).hasSize(1);
  }

  @Test
  void anOciLayoutDirectoryLoads() throws IOException {
    Path file = save(true, "app:1");
    Path dir = tmp.resolve("layout");
    Files.createDirectories(dir);
    Process p = new ProcessBuilder("tar", "-xf", file.toString(), "-C", dir.toString()).start();
    assertThat(waitFor(p)).isZero();
    assertThat(loader().load(dir))
        .singleElement()
        .satisfies(l -> assertThat(l.names()).containsExactly("docker.io/library/app:1"));
  }

  private static int waitFor(Process p) {
    try {
      return p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private List<Digest> targetBlobs() throws IOException {
    return target.content().list().stream().map(b -> b.digest()).sorted().toList();
  }

  private void assertRejectedAndStoreUnchanged(Path file, String message) throws IOException {
    assertRejectedAndStoreUnchanged(file, ArchiveErrors.BAD_ARCHIVE, message);
  }

  private void assertRejectedAndStoreUnchanged(Path file, String code, String message)
      throws IOException {
    List<Digest> before = targetBlobs();
    assertThatThrownBy(() -> loader().load(file))
        .matches(t -> t instanceof BerthException b && b.code().equals(code))
        .hasMessageContaining(message);
    assertThat(targetBlobs()).isEqualTo(before);
  }

  private Path tarOf(Map<String, byte[]> files) throws IOException {
    Path file = tmp.resolve("crafted-" + System.nanoTime() + ".tar");
    Map<String, String> asText = new TreeMap<>();
    try (OutputStream out = Files.newOutputStream(file);
        var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(out)) {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        var e = new org.apache.commons.compress.archivers.tar.TarArchiveEntry(f.getKey());
        e.setSize(f.getValue().length);
        tar.putArchiveEntry(e);
        tar.write(f.getValue());
        tar.closeArchiveEntry();
      }
    }
    asText.clear();
    return file;
  }

  @Test
  void notATarIsRejected() throws IOException {
    Path f = tmp.resolve("x.txt");
    Files.writeString(f, "hello, this is not an archive");
    assertRejectedAndStoreUnchanged(f, "not a tar file");
  }

  @Test
  void aTarOfNeitherFormatIsRejected() throws IOException {
    assertRejectedAndStoreUnchanged(
        tarOf(Map.of("readme", "x".getBytes(StandardCharsets.UTF_8))), "neither a docker-archive");
  }

  @Test
  void brokenManifestJsonIsRejected() throws IOException {
    assertRejectedAndStoreUnchanged(
        tarOf(Map.of("manifest.json", "[{".getBytes(StandardCharsets.UTF_8))), "not valid JSON");
  }

  @Test
  void aLayerThatDoesNotMatchItsDiffIdIsRejectedAndItsBlobsRemoved() throws IOException {
    Path good = save(false, "app:1");
    // Swap the layer for different content under the same name.
    Path dir = tmp.resolve("unpacked");
    Files.createDirectories(dir);
    assertThat(
            waitFor(
                new ProcessBuilder("tar", "-xf", good.toString(), "-C", dir.toString()).start()))
        .isZero();
    Path layer = dir.resolve("blobs/sha256/" + image.manifest().layers().get(0).digest().hex());
    Files.write(layer, TestImages.gzip(TestImages.tar(Map.of("evil", "x"))));
    assertRejectedAndStoreUnchanged(dir, DiffIds.MISMATCH, "has diff ID");
  }

  @Test
  void aCorruptOciBlobIsRejected() throws IOException {
    Path good = save(true, "app:1");
    Path dir = tmp.resolve("oci-unpacked");
    Files.createDirectories(dir);
    assertThat(
            waitFor(
                new ProcessBuilder("tar", "-xf", good.toString(), "-C", dir.toString()).start()))
        .isZero();
    Path layer = dir.resolve("blobs/sha256/" + image.manifest().layers().get(0).digest().hex());
    byte[] bytes = Files.readAllBytes(layer);
    bytes[bytes.length / 2] ^= 0x55;
    Files.write(layer, bytes);
    assertRejectedAndStoreUnchanged(dir, "corrupt");
  }

  @Test
  void aMissingBlobIsRejected() throws IOException {
    Path good = save(true, "app:1");
    Path dir = tmp.resolve("oci-missing");
    Files.createDirectories(dir);
    assertThat(
            waitFor(
                new ProcessBuilder("tar", "-xf", good.toString(), "-C", dir.toString()).start()))
        .isZero();
    Files.delete(dir.resolve("blobs/sha256/" + image.manifest().layers().get(0).digest().hex()));
    assertRejectedAndStoreUnchanged(dir, "missing");
  }

  @Test
  void dockerArchiveListsTagsAndBlobPaths() throws IOException {
    Path file = save(false, "busybox:1.36");
    ByteArrayOutputStream manifest = new ByteArrayOutputStream();
    try (var tar = new org.apache.commons.compress.archivers.tar.TarFile(file)) {
      for (var e : tar.getEntries()) {
        if (e.getName().equals("manifest.json")) {
          tar.getInputStream(e).transferTo(manifest);
        }
      }
    }
    assertThat(manifest.toString(StandardCharsets.UTF_8))
        .contains("\"RepoTags\":[\"busybox:1.36\"]")
        .contains("\"Config\":\"blobs/sha256/" + image.manifest().config().digest().hex() + "\"");
  }
}
