package dev.berth.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.ZstdInputStream;
import dev.berth.diag.BerthException;
import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.image.History;
import dev.berth.image.ImageConfig;
import dev.berth.image.LayerCompression;
import dev.berth.image.Manifest;
import dev.berth.image.MediaType;
import dev.berth.image.MediaType.Compression;
import dev.berth.image.Platform;
import dev.berth.image.json.ImageJson;
import dev.berth.layer.LayerDigests;
import dev.berth.layer.LayerWriter;
import dev.berth.layer.TarEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerFormsTest {

  @TempDir Path tmp;
  Store store;
  LayerForms forms;
  Path payload;

  @BeforeEach
  void open() throws IOException {
    store = Store.open(tmp.resolve("store"));
    forms = new LayerForms(store);
    payload = tmp.resolve("payload");
    // Compressible but not trivially: several deflate blocks' worth.
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 40_000; i++) {
      text.append("line ").append(i * 7919 % 1000).append('\n');
    }
    Files.writeString(payload, text);
  }

  @AfterEach
  void close() throws IOException {
    store.close();
  }

  /** Stores a one-layer image whose layer is written with {@code c}; its manifest descriptor. */
  private Descriptor image(Compression c, boolean docker) throws IOException {
    LayerDigests layer = layer(c);
    ImageConfig config =
        ImageConfig.scratch(Platform.LINUX_AMD64)
            .withLayer(layer.diffId(), History.layer(Instant.EPOCH, "test", ""));
    byte[] configBytes = ImageJson.writeConfig(config);
    store.content().put(configBytes);
    Descriptor configDescriptor =
        ImageJson.descriptor(docker ? MediaType.DOCKER_CONFIG : MediaType.OCI_CONFIG, configBytes);
    Descriptor layerDescriptor =
        docker
            ? new Descriptor(
                c == Compression.GZIP ? MediaType.DOCKER_LAYER_GZIP : MediaType.DOCKER_LAYER,
                layer.blobDigest(),
                layer.blobSize())
            : layer.descriptor();
    Manifest m =
        docker
            ? Manifest.docker(configDescriptor, List.of(layerDescriptor))
            : Manifest.oci(configDescriptor, List.of(layerDescriptor));
    byte[] bytes = ImageJson.writeManifest(m);
    store.content().put(bytes);
    return ImageJson.descriptor(m.mediaType(), bytes);
  }

  private LayerDigests layer(Compression c) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LayerDigests d =
        new LayerWriter(LayerWriter.Options.of(c))
            .write(
                List.of(TarEntry.file("app.txt", 0644, 0, 0, 0, Files.size(payload), payload)),
                out);
    store.content().put(out.toByteArray());
    return d;
  }

  private Digest digestOf(InputStream in) throws IOException {
    try (in) {
      return Digest.sha256(in.readAllBytes());
    }
  }

  private Digest diffId(Descriptor manifest) throws IOException {
    Manifest m = ImageJson.readManifest(store.content().readAll(manifest.digest()));
    return ImageJson.readConfig(store.content().readAll(m.config().digest())).diffIds().get(0);
  }

  @Test
  void anUncompressedLayerLeavesAsTheGzipBlobTheStoreUsedToKeep() throws IOException {
    Descriptor local = image(Compression.NONE, false);
    LayerForms.Outbound out = forms.outbound(local, LayerCompression.DEFAULT);

    Descriptor gz = out.manifest().layers().get(0);
    assertThat(gz.mediaType()).isEqualTo(MediaType.OCI_LAYER_GZIP);
    assertThat(digestOf(new GZIPInputStream(store.content().open(gz.digest()))))
        .isEqualTo(diffId(local));
    // Same bytes as a store that wrote gzip layers itself: a pushed manifest keeps its digest.
    store.close();
    store = Store.open(tmp.resolve("gzip-store"));
    Descriptor before = image(Compression.GZIP, false);
    assertThat(out.descriptor()).isEqualTo(before);
    assertThat(out.bytes()).isEqualTo(store.content().readAll(before.digest()));
  }

  @Test
  void theCompressedFormIsMadeOnceAndServedWithItsManifest() throws IOException {
    Descriptor local = image(Compression.NONE, false);
    LayerForms.Outbound first = forms.outbound(local, LayerCompression.DEFAULT);
    Digest gz = first.manifest().layers().get(0).digest();
    Path note =
        store
            .layout()
            .forms()
            .resolve("gzip-6")
            .resolve(
                ImageJson.readManifest(store.content().readAll(local.digest()))
                    .layers()
                    .get(0)
                    .digest()
                    .hex());
    assertThat(note).exists();
    long made = Files.getLastModifiedTime(store.layout().blob(gz)).toMillis();

    Files.setLastModifiedTime(
        store.layout().blob(gz), java.nio.file.attribute.FileTime.fromMillis(made - 60_000));
    LayerForms.Outbound second = forms.outbound(local, LayerCompression.DEFAULT);
    assertThat(second).usingRecursiveComparison().isEqualTo(first);
    // Not written again: the blob keeps the time it was given.
    assertThat(Files.getLastModifiedTime(store.layout().blob(gz)).toMillis())
        .isEqualTo(made - 60_000);
    assertThat(first.blobs(store.content()).readAll(first.descriptor().digest()))
        .isEqualTo(first.bytes());
  }

  @Test
  void compressedLayersLeaveAsTheyCameUnlessAFormIsAskedFor() throws IOException {
    Descriptor pulled = image(Compression.GZIP, false);
    assertThat(forms.outbound(pulled, LayerCompression.DEFAULT).descriptor()).isEqualTo(pulled);

    LayerForms.Outbound plain =
        forms.outbound(pulled, LayerCompression.parse("uncompressed", null, true, "--compression"));
    Descriptor layer = plain.manifest().layers().get(0);
    assertThat(layer.mediaType()).isEqualTo(MediaType.OCI_LAYER);
    assertThat(layer.digest()).isEqualTo(diffId(pulled));
  }

  @Test
  void zstdOfADockerManifestLeavesAsAnOciManifest() throws IOException {
    Descriptor docker = image(Compression.GZIP, true);
    LayerForms.Outbound out =
        forms.outbound(docker, LayerCompression.parse("zstd", 5, true, "--compression"));
    assertThat(out.descriptor().mediaType()).isEqualTo(MediaType.OCI_MANIFEST);
    assertThat(out.manifest().config().mediaType()).isEqualTo(MediaType.OCI_CONFIG);
    Descriptor layer = out.manifest().layers().get(0);
    assertThat(layer.mediaType()).isEqualTo(MediaType.OCI_LAYER_ZSTD);
    assertThat(digestOf(new ZstdInputStream(store.content().open(layer.digest()))))
        .isEqualTo(diffId(docker));
    assertThat(store.layout().forms().resolve("zstd-5")).isDirectory();

    LayerForms.Outbound gzip = forms.outbound(docker, LayerCompression.DEFAULT);
    assertThat(gzip.descriptor()).isEqualTo(docker);
  }

  @Test
  void theCollectorKeepsAFormAsLongAsItsLayer() throws IOException {
    Descriptor local = image(Compression.NONE, false);
    store.refs().put("app:1", local);
    Digest gz = forms.outbound(local, LayerCompression.DEFAULT).manifest().layers().get(0).digest();

    store.gc();
    assertThat(store.content().exists(gz)).isTrue();

    assertThat(forms.describeAll())
        .containsOnlyKeys(gz)
        .containsValue(
            "gzip-6 form of layer "
                + ImageJson.readManifest(store.content().readAll(local.digest()))
                    .layers()
                    .get(0)
                    .digest()
                    .hex()
                    .substring(0, 12));

    store.refs().delete("app:1");
    store.gc();
    assertThat(store.content().exists(gz)).isFalse();
    try (var notes = Files.list(store.layout().forms().resolve("gzip-6"))) {
      assertThat(notes).isEmpty();
    }
  }

  @Test
  void aLayerThatIsNotWhatItsConfigClaimsIsRefused() throws IOException {
    LayerDigests real = layer(Compression.NONE);
    ImageConfig config =
        ImageConfig.scratch(Platform.LINUX_AMD64)
            .withLayer(Digest.sha256(new byte[] {1}), History.layer(Instant.EPOCH, "lie", ""));
    byte[] configBytes = ImageJson.writeConfig(config);
    store.content().put(configBytes);
    Manifest m =
        Manifest.oci(
            ImageJson.descriptor(MediaType.OCI_CONFIG, configBytes), List.of(real.descriptor()));
    byte[] bytes = ImageJson.writeManifest(m);
    store.content().put(bytes);

    assertThatThrownBy(
            () ->
                forms.outbound(
                    ImageJson.descriptor(MediaType.OCI_MANIFEST, bytes), LayerCompression.DEFAULT))
        .isInstanceOf(BerthException.class)
        .hasMessageContaining("not the diff ID");
    assertThat(store.layout().forms().resolve("gzip-6")).doesNotExist();
  }

  @Test
  void compressionFlagsAreCheckedWithTheFlagNamed() throws BerthException {
    assertThatThrownBy(() -> LayerCompression.parse("brotli", null, true, "--compression"))
        .hasMessage(
            "--compression: unknown compression 'brotli' (expected gzip, zstd or uncompressed)");
    assertThatThrownBy(() -> LayerCompression.parse("gzip", 10, true, "--compression"))
        .hasMessage("--compression: gzip level 10 is out of range (0 to 9)");
    assertThatThrownBy(() -> LayerCompression.parse("uncompressed", 1, true, "--compression"))
        .hasMessage("--compression: uncompressed layers take no level");
    LayerCompression zstd = LayerCompression.parse("ZSTD", null, true, "--compression");
    assertThat(zstd.formName()).isEqualTo("zstd-3");
    assertThat(zstd.converts(Compression.GZIP)).isTrue();
    assertThat(LayerCompression.DEFAULT.converts(Compression.ZSTD)).isFalse();
    assertThat(LayerCompression.DEFAULT.converts(Compression.NONE)).isTrue();
    assertThat(new LayerCompression(Compression.GZIP, OptionalInt.of(1), false).formName())
        .isEqualTo("gzip-1");
  }
}
