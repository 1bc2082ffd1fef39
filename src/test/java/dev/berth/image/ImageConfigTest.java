package dev.berth.image;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImageConfigTest {

  private static final Digest D = Digest.sha256("d".getBytes(UTF_8));

  @Test
  void layersAndHistoryGrowTogether() {
    ImageConfig config =
        ImageConfig.scratch(Platform.LINUX_AMD64)
            .withLayer(D, History.layer(Instant.EPOCH, "ADD . /", ""))
            .withEmptyLayerHistory(History.configOnly(Instant.EPOCH, "ENV A=1", ""));

    assertThat(config.diffIds()).containsExactly(D);
    assertThat(config.rootfs().type()).isEqualTo("layers");
    assertThat(config.history()).extracting(History::emptyLayer).containsExactly(false, true);
    assertThatThrownBy(() -> config.withLayer(D, History.configOnly(Instant.EPOCH, "RUN x", "")))
        .hasMessageContaining("empty_layer");
    assertThatThrownBy(
            () -> config.withEmptyLayerHistory(History.layer(Instant.EPOCH, "RUN x", "")))
        .hasMessageContaining("empty_layer");
  }

  @Test
  void valuesAreImmutableCopies() {
    List<String> env = new ArrayList<>(List.of("A=1"));
    ContainerConfig c = ContainerConfig.builder().env(env).build();
    env.add("B=2");

    assertThat(c.env()).containsExactly("A=1");
    assertThatThrownBy(() -> c.env().add("C=3")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> c.labels().put("k", "v"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void putEnvReplacesInPlaceAndEnvValueFindsTheLastEntry() {
    ContainerConfig c =
        ContainerConfig.builder()
            .env(List.of("PATH=/bin", "LANG=C", "HOME=/root"))
            .putEnv("LANG", "C.UTF-8")
            .putEnv("NEW", "x=y")
            .build();

    assertThat(c.env()).containsExactly("PATH=/bin", "LANG=C.UTF-8", "HOME=/root", "NEW=x=y");
    assertThat(c.envValue("NEW")).hasValue("x=y");
    assertThat(c.envValue("PAT")).isEmpty();
    assertThat(ContainerConfig.builder().env(List.of("A=1", "A=2")).build().envValue("A"))
        .hasValue("2");
  }

  @Test
  void toBuilderKeepsEveryField() {
    ContainerConfig c =
        ContainerConfig.builder()
            .user("u")
            .exposedPorts(Set.of("1/tcp"))
            .env(List.of("A=1"))
            .entrypoint(List.of("e"))
            .cmd(List.of("c"))
            .volumes(Set.of("/v"))
            .workingDir("/w")
            .labels(Map.of("l", "1"))
            .stopSignal("SIGINT")
            .argsEscaped(true)
            .healthcheck(Optional.of(Healthcheck.of(List.of("NONE"))))
            .onBuild(List.of("RUN x"))
            .shell(List.of("/bin/sh", "-c"))
            .build();

    assertThat(c.toBuilder().build()).isEqualTo(c);
    assertThat(c).isNotEqualTo(ContainerConfig.EMPTY);
  }

  @Test
  void healthcheckRejectsNegativeValues() {
    assertThatThrownBy(
            () ->
                new Healthcheck(
                    List.of(),
                    Duration.ofSeconds(-1),
                    Duration.ZERO,
                    Duration.ZERO,
                    Duration.ZERO,
                    0))
        .hasMessageContaining("negative healthcheck duration");
    assertThatThrownBy(
            () ->
                new Healthcheck(
                    List.of(), Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, -1))
        .hasMessageContaining("negative healthcheck retries");
  }

  @Test
  void manifestAndIndexCheckTheirMediaTypes() {
    Descriptor config = new Descriptor(MediaType.OCI_CONFIG, D, 1);

    assertThat(Manifest.docker(config, List.of()).isDocker()).isTrue();
    assertThat(Manifest.oci(config, List.of()).isDocker()).isFalse();
    assertThatThrownBy(
            () ->
                new Manifest(
                    2,
                    MediaType.OCI_INDEX,
                    Optional.empty(),
                    config,
                    List.of(),
                    Optional.empty(),
                    Map.of()))
        .hasMessageContaining("not a manifest media type");
    assertThatThrownBy(
            () ->
                new Index(
                    1,
                    MediaType.OCI_INDEX,
                    Optional.empty(),
                    List.of(),
                    Optional.empty(),
                    Map.of()))
        .hasMessageContaining("schemaVersion must be 2");
  }
}
