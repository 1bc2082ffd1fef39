package dev.berth.solver.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.image.Manifest;
import dev.berth.image.MediaType;
import dev.berth.image.json.ImageJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CacheConfigJsonTest {

  private static Digest d(String s) {
    return Digest.sha256(s.getBytes(StandardCharsets.UTF_8));
  }

  private static final CacheEntry RUN =
      new CacheEntry(
          d("k1"),
          d("k0"),
          "RUN make",
          Instant.parse("2026-01-02T03:04:05Z"),
          Optional.of(new Descriptor(MediaType.OCI_LAYER_GZIP, d("layer"), 42)),
          Optional.of(d("diff")));
  private static final CacheEntry WORKDIR =
      new CacheEntry(
          d("k2"),
          d("k1"),
          "WORKDIR /app",
          Instant.parse("2026-01-02T03:04:06Z"),
          Optional.empty(),
          Optional.empty());

  @Test
  void recordsRoundTripSortedByKeyWithTheSameBytesWhateverTheOrder() throws Exception {
    byte[] a = CacheConfigJson.write(List.of(RUN, WORKDIR));
    byte[] b = CacheConfigJson.write(List.of(WORKDIR, RUN));
    assertThat(a).isEqualTo(b);
    assertThat(CacheConfigJson.read(a, "t")).containsExactlyInAnyOrder(RUN, WORKDIR);
    assertThat(new String(a, StandardCharsets.UTF_8))
        .startsWith("{\"schemaVersion\":1,\"mediaType\":\"" + CacheMediaTypes.CONFIG + "\"");
  }

  @Test
  void anotherSchemaVersionIsRefused() {
    BerthException e =
        catchThrowableOfType(
            () ->
                CacheConfigJson.read(
                    "{\"schemaVersion\":2,\"records\":[]}".getBytes(StandardCharsets.UTF_8), "c"),
            BerthException.class);
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
    assertThat(e.getMessage()).contains("schemaVersion 2");
  }

  @Test
  void aRecordWithoutItsKeyIsRefusedNamingIt() {
    BerthException e =
        catchThrowableOfType(
            () ->
                CacheConfigJson.read(
                    "{\"schemaVersion\":1,\"records\":[{\"parent\":\"x\"}]}"
                        .getBytes(StandardCharsets.UTF_8),
                    "c"),
            BerthException.class);
    assertThat(e.getMessage()).contains("records[0]").contains("'key'");
  }

  @Test
  void theArtifactIsAnOciManifestWithTheConfigAndEachLayerOnce() throws Exception {
    CacheEntry again =
        new CacheEntry(d("k3"), d("kx"), "RUN make", RUN.created(), RUN.layer(), RUN.diffId());
    CacheArtifact a = CacheArtifact.of(List.of(RUN, WORKDIR, again));
    Manifest m = ImageJson.readManifest(a.manifest());
    assertThat(m.mediaType()).isEqualTo(MediaType.OCI_MANIFEST);
    assertThat(m.artifactType()).contains(CacheMediaTypes.ARTIFACT);
    assertThat(m.config().mediaType()).isEqualTo(CacheMediaTypes.CONFIG);
    assertThat(m.config().digest()).isEqualTo(Digest.sha256(a.config()));
    assertThat(m.layers()).containsExactly(RUN.layer().get());
    assertThat(
            CacheArtifact.records(CacheArtifact.readManifest(a.manifest(), "t"), a.config(), "t"))
        .hasSize(3);
  }

  @Test
  void aRecordNamingALayerTheManifestLacksIsRefused() throws Exception {
    CacheArtifact a = CacheArtifact.of(List.of(WORKDIR));
    byte[] config = CacheConfigJson.write(List.of(RUN));
    BerthException e =
        catchThrowableOfType(
            () -> CacheArtifact.records(ImageJson.readManifest(a.manifest()), config, "t"),
            BerthException.class);
    assertThat(e.getMessage()).contains("does not list");
  }

  @Test
  void anImageManifestIsNoCache() {
    byte[] image =
        ImageJson.writeManifest(
            Manifest.oci(new Descriptor(MediaType.OCI_CONFIG, d("c"), 2), List.of()));
    BerthException e =
        catchThrowableOfType(
            () -> CacheArtifact.readManifest(image, "cache r/x:cache"), BerthException.class);
    assertThat(e.getMessage()).contains("not a berth build cache");
  }
}
