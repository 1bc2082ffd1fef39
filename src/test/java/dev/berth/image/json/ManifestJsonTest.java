package dev.berth.image.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.image.ImageFormatException;
import dev.berth.image.Index;
import dev.berth.image.Manifest;
import dev.berth.image.MediaType;
import dev.berth.image.Platform;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManifestJsonTest {

  private static final Digest CONFIG = Digest.sha256("config".getBytes(UTF_8));
  private static final Digest L1 = Digest.sha256("one".getBytes(UTF_8));
  private static final Digest L2 = Digest.sha256("two".getBytes(UTF_8));
  private static final Digest AMD = Digest.sha256("amd64 manifest".getBytes(UTF_8));
  private static final Digest ARM = Digest.sha256("arm manifest".getBytes(UTF_8));

  @Test
  void readsADockerSchema2Manifest() {
    String json =
        """
        {
           "schemaVersion": 2,
           "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
           "config": {
              "mediaType": "application/vnd.docker.container.image.v1+json",
              "size": 1472,
              "digest": "%s"
           },
           "layers": [
              {
                 "mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
                 "size": 2811947,
                 "digest": "%s"
              },
              {
                 "mediaType": "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
                 "size": 99,
                 "digest": "%s",
                 "urls": ["https://example.com/layer"]
              }
           ]
        }
        """
            .formatted(CONFIG, L1, L2);

    Manifest m = ImageJson.readManifest(json.getBytes(UTF_8));

    assertThat(m.isDocker()).isTrue();
    assertThat(m.mediaType()).isEqualTo(MediaType.DOCKER_MANIFEST);
    assertThat(m.config()).isEqualTo(new Descriptor(MediaType.DOCKER_CONFIG, CONFIG, 1472));
    assertThat(m.layers())
        .containsExactly(
            new Descriptor(MediaType.DOCKER_LAYER_GZIP, L1, 2811947),
            new Descriptor(MediaType.DOCKER_FOREIGN_LAYER_GZIP, L2, 99));
    assertThat(m.annotations()).isEmpty();
    assertThat(m.subject()).isEmpty();
    assertThat(ImageJson.mediaTypeOf(json.getBytes(UTF_8))).isEqualTo(MediaType.DOCKER_MANIFEST);
    assertThat(ImageJson.readManifest(ImageJson.writeManifest(m))).isEqualTo(m);
  }

  @Test
  void readsADockerManifestList() {
    String json =
        """
        {"schemaVersion":2,
         "mediaType":"application/vnd.docker.distribution.manifest.list.v2+json",
         "manifests":[
           {"mediaType":"application/vnd.docker.distribution.manifest.v2+json","size":528,
            "digest":"%s","platform":{"architecture":"amd64","os":"linux"}},
           {"mediaType":"application/vnd.docker.distribution.manifest.v2+json","size":529,
            "digest":"%s","platform":{"architecture":"arm","os":"linux","variant":"v7",
            "features":["sse4"]}},
           {"mediaType":"application/vnd.docker.distribution.manifest.v2+json","size":530,
            "digest":"%s","platform":{"architecture":"amd64","os":"windows",
            "os.version":"10.0.17763.1935","os.features":["win32k"]}}]}
        """
            .formatted(AMD, ARM, L1);

    Index index = ImageJson.readIndex(json.getBytes(UTF_8));

    assertThat(index.isDocker()).isTrue();
    assertThat(index.manifests()).hasSize(3);
    assertThat(index.manifests().get(1).platform())
        .hasValue(new Platform("arm", "linux", "v7", "", List.of()));
    assertThat(index.manifests().get(2).platform())
        .hasValue(new Platform("amd64", "windows", "", "10.0.17763.1935", List.of("win32k")));
    assertThat(index.manifestsFor(Platform.LINUX_AMD64))
        .extracting(Descriptor::digest)
        .containsExactly(AMD);
    assertThat(index.manifestsFor(Platform.of("linux", "arm")))
        .extracting(Descriptor::digest)
        .containsExactly(ARM);
    assertThat(index.manifestsFor(new Platform("arm", "linux", "v6", "", List.of()))).isEmpty();
    assertThat(ImageJson.readIndex(ImageJson.writeIndex(index))).isEqualTo(index);
  }

  @Test
  void roundTripsAnOciManifestWithSubjectAndArtifactType() {
    Manifest m =
        new Manifest(
            2,
            MediaType.OCI_MANIFEST,
            Optional.of("application/vnd.example.sbom"),
            new Descriptor("application/vnd.oci.empty.v1+json", CONFIG, 2),
            List.of(
                new Descriptor(
                    MediaType.OCI_LAYER_ZSTD, L1, 10, Map.of("k", "v"), Optional.empty())),
            Optional.of(new Descriptor(MediaType.OCI_MANIFEST, AMD, 300)),
            Map.of("org.opencontainers.image.created", "2024-01-01T00:00:00Z"));

    byte[] bytes = ImageJson.writeManifest(m);

    assertThat(ImageJson.readManifest(bytes)).isEqualTo(m);
    assertThat(new String(bytes, UTF_8))
        .startsWith(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"artifactType\":\"application/vnd.example.sbom\",\"config\":{")
        .contains(
            "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+zstd\",\"digest\":\""
                + L1
                + "\",\"size\":10,\"annotations\":{\"k\":\"v\"}}],\"subject\":{")
        .endsWith(
            "\"annotations\":{\"org.opencontainers.image.created\":\"2024-01-01T00:00:00Z\"}}");
  }

  @Test
  void writesAnOciIndexCanonically() {
    Index index =
        Index.oci(
            List.of(
                new Descriptor(MediaType.OCI_MANIFEST, AMD, 500)
                    .withPlatform(Platform.LINUX_AMD64)
                    .withAnnotations(Map.of("org.opencontainers.image.ref.name", "1.0")),
                new Descriptor(MediaType.OCI_MANIFEST, ARM, 501)
                    .withPlatform(new Platform("arm64", "linux", "v8", "", List.of()))));

    String json = new String(ImageJson.writeIndex(index), UTF_8);

    assertThat(json)
        .isEqualTo(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
                + "\"manifests\":["
                + "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\""
                + AMD
                + "\",\"size\":500,\"annotations\":{\"org.opencontainers.image.ref.name\":\"1.0\"},"
                + "\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}},"
                + "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\""
                + ARM
                + "\",\"size\":501,\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\","
                + "\"variant\":\"v8\"}}]}");
    assertThat(ImageJson.writeIndex(ImageJson.readIndex(json.getBytes(UTF_8))))
        .isEqualTo(json.getBytes(UTF_8));
    assertThat(new String(ImageJson.writeIndex(Index.oci(List.of())), UTF_8))
        .isEqualTo(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
                + "\"manifests\":[]}");
  }

  @Test
  void writesAnImageManifestWithDescriptorsOfWrittenBytes() {
    byte[] config = "{}".getBytes(UTF_8);
    Descriptor configDescriptor = ImageJson.descriptor(MediaType.OCI_CONFIG, config);
    Manifest m = Manifest.oci(configDescriptor, List.of());

    assertThat(configDescriptor.size()).isEqualTo(2);
    assertThat(configDescriptor.digest())
        .hasToString("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
    assertThat(new String(ImageJson.writeManifest(m), UTF_8))
        .isEqualTo(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
                + "\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\","
                + "\"size\":2},\"layers\":[]}");
  }

  @Test
  void tellsManifestsFromIndexesWithoutAMediaType() {
    String manifest =
        "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"%s\",\"digest\":\"%s\",\"size\":3},\"layers\":[]}"
            .formatted(MediaType.OCI_CONFIG, CONFIG);
    String index = "{\"schemaVersion\":2,\"manifests\":[]}";

    assertThat(ImageJson.mediaTypeOf(manifest.getBytes(UTF_8))).isEqualTo(MediaType.OCI_MANIFEST);
    assertThat(ImageJson.mediaTypeOf(index.getBytes(UTF_8))).isEqualTo(MediaType.OCI_INDEX);
    assertThat(ImageJson.readManifest(manifest.getBytes(UTF_8)).mediaType())
        .isEqualTo(MediaType.OCI_MANIFEST);
    assertThat(ImageJson.readIndex(index.getBytes(UTF_8)).mediaType())
        .isEqualTo(MediaType.OCI_INDEX);
    assertThatThrownBy(() -> ImageJson.readIndex(manifest.getBytes(UTF_8)))
        .hasMessage(
            "invalid image index: mediaType: missing, and the document has 'config': it is a"
                + " manifest");
    assertThatThrownBy(() -> ImageJson.readManifest(index.getBytes(UTF_8)))
        .hasMessageContaining("it is an index");
    assertThatThrownBy(() -> ImageJson.mediaTypeOf("{\"schemaVersion\":2}".getBytes(UTF_8)))
        .isInstanceOf(ImageFormatException.class)
        .hasMessageContaining("neither 'manifests' nor 'config'");
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"schemaVersion":1,"name":"x","fsLayers":[]}                                   | schemaVersion: Docker schema 1 manifests are not supported
          {"schemaVersion":3,"config":{}}                                                | schemaVersion: expected 2, got 3
          {"config":{}}                                                                  | schemaVersion: missing
          {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json"}      | mediaType: expected application/vnd.oci.image.manifest.v1+json or application/vnd.docker.distribution.manifest.v2+json, got application/vnd.oci.image.index.v1+json
          {"schemaVersion":2,"layers":[]}                                                | config: missing
          {"schemaVersion":2,"config":{"digest":"DIGEST","size":1}}                      | config.mediaType: missing
          {"schemaVersion":2,"config":{"mediaType":"x","size":1}}                        | config.digest: missing
          {"schemaVersion":2,"config":{"mediaType":"x","digest":"DIGEST"}}               | config.size: missing
          {"schemaVersion":2,"config":{"mediaType":"x","digest":"DIGEST","size":-5}}     | config.size: must not be negative, got -5
          {"schemaVersion":2,"config":{"mediaType":"x","digest":"sha256:00","size":1}}   | config.digest: invalid digest 'sha256:00': expected sha256:<64 lowercase hex digits>
          {"schemaVersion":2,"config":{"mediaType":"x","digest":"DIGEST","size":1},"layers":[{}]} | layers[0].mediaType: missing
          {"schemaVersion":2,"config":{"mediaType":"x","digest":"DIGEST","size":1},"layers":[7]}  | layers[0]: expected an object, got the number 7
          {"schemaVersion":2,"config":{"mediaType":"x","digest":"DIGEST","size":1},"annotations":{"a":1}} | annotations.a: expected a string, got the number 1
          """)
  void rejectsBadManifestsNamingTheField(String json, String message) {
    assertThatThrownBy(
            () -> ImageJson.readManifest(json.replace("DIGEST", L1.toString()).getBytes(UTF_8)))
        .isInstanceOf(ImageFormatException.class)
        .hasMessage("invalid image manifest: " + message);
  }

  @Test
  void rejectsBadIndexesNamingTheField() {
    String noPlatformOs =
        "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"%s\",\"digest\":\"%s\",\"size\":1,"
            + "\"platform\":{\"architecture\":\"amd64\"}}]}";

    assertThatThrownBy(
            () ->
                ImageJson.readIndex(
                    noPlatformOs.formatted(MediaType.OCI_MANIFEST, AMD).getBytes(UTF_8)))
        .isInstanceOf(ImageFormatException.class)
        .hasMessage("invalid image index: manifests[0].platform.os: missing");
    assertThatThrownBy(
            () -> ImageJson.readIndex("{\"schemaVersion\":2,\"manifests\":{}}".getBytes(UTF_8)))
        .hasMessage("invalid image index: manifests: expected an array, got an object");
  }
}
