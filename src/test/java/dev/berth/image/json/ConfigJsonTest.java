package dev.berth.image.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.image.ContainerConfig;
import dev.berth.image.Digest;
import dev.berth.image.Healthcheck;
import dev.berth.image.History;
import dev.berth.image.ImageConfig;
import dev.berth.image.ImageFormatException;
import dev.berth.image.Platform;
import dev.berth.image.RootFs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigJsonTest {

  private static final Digest LAYER_A = Digest.sha256("layer a".getBytes(UTF_8));
  private static final Digest LAYER_B = Digest.sha256("layer b".getBytes(UTF_8));
  private static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");

  /** A config that sets every field berth models. */
  static ImageConfig everything() {
    Healthcheck health =
        new Healthcheck(
            List.of("CMD-SHELL", "curl -f http://localhost/ || exit 1"),
            Duration.ofSeconds(30),
            Duration.ofSeconds(3),
            Duration.ofSeconds(5),
            Duration.ofMillis(500),
            4);
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("z.last", "1");
    labels.put("a.first", "<&>");
    ContainerConfig config =
        ContainerConfig.builder()
            .user("1000:1000")
            .exposedPorts(Set.of("8080/tcp", "53/udp"))
            .env(List.of("PATH=/usr/bin:/bin", "LANG=C.UTF-8"))
            .entrypoint(List.of("/usr/bin/tini", "--"))
            .cmd(List.of("python", "-m", "app"))
            .volumes(Set.of("/data", "/cache"))
            .workingDir("/srv/app")
            .labels(labels)
            .stopSignal("SIGTERM")
            .argsEscaped(true)
            .healthcheck(Optional.of(health))
            .onBuild(List.of("RUN echo child"))
            .shell(List.of("/bin/bash", "-c"))
            .build();
    return new ImageConfig(
        Optional.of(T0.plusNanos(120_000_000)),
        "Berth Tests <tests@example.com>",
        new Platform("arm64", "linux", "v8", "6.1", List.of("feature-x")),
        config,
        new RootFs(List.of(LAYER_A, LAYER_B)),
        List.of(
            History.layer(T0, "ADD rootfs.tar /", "imported"),
            new History(Optional.of(T0), "ENV LANG=C.UTF-8", "someone", "", true),
            History.layer(T0.plusSeconds(1), "RUN make", "")));
  }

  @Test
  void roundTripsEveryField() {
    ImageConfig config = everything();

    assertThat(ImageJson.readConfig(ImageJson.writeConfig(config))).isEqualTo(config);
    ImageConfig scratch = ImageConfig.scratch(Platform.LINUX_AMD64);
    assertThat(ImageJson.readConfig(ImageJson.writeConfig(scratch))).isEqualTo(scratch);
  }

  @Test
  void writesCanonicalBytes() {
    ImageConfig config =
        ImageConfig.scratch(Platform.LINUX_AMD64)
            .withCreated(Instant.parse("2024-03-01T12:00:00.500Z"))
            .withConfig(
                ContainerConfig.builder()
                    .env(List.of("A=1"))
                    .cmd(List.of("sh"))
                    .labels(Map.of("b", "2", "a", "1"))
                    .exposedPorts(Set.of("80/tcp"))
                    .build())
            .withLayer(LAYER_A, History.layer(T0, "ADD x /", ""))
            .withEmptyLayerHistory(History.configOnly(T0, "CMD [\"sh\"]", ""));

    String json = new String(ImageJson.writeConfig(config), UTF_8);

    assertThat(json)
        .isEqualTo(
            "{\"created\":\"2024-03-01T12:00:00.5Z\",\"architecture\":\"amd64\",\"os\":\"linux\","
                + "\"config\":{\"ExposedPorts\":{\"80/tcp\":{}},\"Env\":[\"A=1\"],\"Cmd\":[\"sh\"],"
                + "\"Labels\":{\"a\":\"1\",\"b\":\"2\"}},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                + LAYER_A
                + "\"]},"
                + "\"history\":[{\"created\":\"2024-03-01T12:00:00Z\",\"created_by\":\"ADD x /\"},"
                + "{\"created\":\"2024-03-01T12:00:00Z\",\"created_by\":\"CMD [\\\"sh\\\"]\","
                + "\"empty_layer\":true}]}");
  }

  @Test
  void sameValueGivesSameBytesAndDigest() {
    byte[] first = ImageJson.writeConfig(everything());
    byte[] second = ImageJson.writeConfig(everything());
    byte[] reread = ImageJson.writeConfig(ImageJson.readConfig(first));

    assertThat(second).isEqualTo(first);
    assertThat(reread).isEqualTo(first);
    assertThat(ImageJson.descriptor("x", reread).digest()).isEqualTo(Digest.sha256(first));
    assertThat(new String(first, UTF_8)).doesNotContain(" \"", "\n", ": ", ", ");
  }

  @Test
  void mapOrderDoesNotChangeTheBytes() {
    Map<String, String> forward = new LinkedHashMap<>();
    forward.put("a", "1");
    forward.put("é", "2");
    forward.put("B", "3");
    Map<String, String> backward = new LinkedHashMap<>();
    backward.put("B", "3");
    backward.put("é", "2");
    backward.put("a", "1");
    ImageConfig base = ImageConfig.scratch(Platform.LINUX_AMD64);

    byte[] one =
        ImageJson.writeConfig(base.withConfig(ContainerConfig.builder().labels(forward).build()));
    byte[] two =
        ImageJson.writeConfig(base.withConfig(ContainerConfig.builder().labels(backward).build()));

    assertThat(one).isEqualTo(two);
    assertThat(new String(one, UTF_8)).contains("{\"B\":\"3\",\"a\":\"1\",\"é\":\"2\"}");
  }

  /**
   * The field names and shapes of the OCI image spec's config.md (v1.1), and the Docker extensions
   * docker's image spec adds to {@code config}.
   */
  @Test
  void writtenConfigFollowsTheSpec() throws Exception {
    JsonNode json = new ObjectMapper().readTree(ImageJson.writeConfig(everything()));

    assertThat(fieldNames(json))
        .containsExactly(
            "created",
            "author",
            "architecture",
            "os",
            "os.version",
            "os.features",
            "variant",
            "config",
            "rootfs",
            "history");
    assertThat(fieldNames(json.get("config")))
        .containsExactly(
            "User",
            "ExposedPorts",
            "Env",
            "Entrypoint",
            "Cmd",
            "Volumes",
            "WorkingDir",
            "Labels",
            "StopSignal",
            "ArgsEscaped",
            "Healthcheck",
            "OnBuild",
            "Shell");
    // ExposedPorts and Volumes are maps whose values are empty objects.
    assertThat(json.get("config").get("ExposedPorts").get("8080/tcp").isObject()).isTrue();
    assertThat(json.get("config").get("ExposedPorts").get("8080/tcp").size()).isZero();
    assertThat(json.get("config").get("Volumes").get("/data").size()).isZero();
    // rootfs: "type" MUST be "layers"; diff_ids are digests in order from first to last layer.
    assertThat(fieldNames(json.get("rootfs"))).containsExactly("type", "diff_ids");
    assertThat(json.get("rootfs").get("type").asText()).isEqualTo("layers");
    assertThat(json.get("rootfs").get("diff_ids").get(1).asText()).isEqualTo(LAYER_B.toString());
    // history entries: created, author, created_by, comment, empty_layer (a boolean).
    assertThat(fieldNames(json.get("history").get(1)))
        .containsExactlyInAnyOrder("created", "created_by", "author", "empty_layer");
    assertThat(json.get("history").get(1).get("empty_layer").isBoolean()).isTrue();
    // created: RFC 3339, section 5.6.
    assertThat(json.get("created").asText())
        .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");
    // Docker's health check durations are integers of nanoseconds.
    JsonNode health = json.get("config").get("Healthcheck");
    assertThat(fieldNames(health))
        .containsExactly("Test", "Interval", "Timeout", "StartPeriod", "StartInterval", "Retries");
    assertThat(health.get("Interval").isIntegralNumber()).isTrue();
    assertThat(health.get("Interval").asLong()).isEqualTo(30_000_000_000L);
    assertThat(health.get("StartInterval").asLong()).isEqualTo(500_000_000L);
  }

  @Test
  void readsHealthcheckDurationsInNanoseconds() {
    String json =
        """
        {"architecture":"amd64","os":"linux","config":{"Healthcheck":{"Test":["CMD","true"],
        "Interval":1500000000,"Timeout":7,"Retries":3}},"rootfs":{"type":"layers","diff_ids":[]}}
        """;

    Healthcheck health = ImageJson.readConfig(json.getBytes(UTF_8)).config().healthcheck().get();

    assertThat(health.test()).containsExactly("CMD", "true");
    assertThat(health.interval()).isEqualTo(Duration.ofMillis(1500));
    assertThat(health.timeout()).isEqualTo(Duration.ofNanos(7));
    assertThat(health.startPeriod()).isEqualTo(Duration.ZERO);
    assertThat(health.retries()).isEqualTo(3);
    assertThat(new String(ImageJson.writeConfig(ImageJson.readConfig(json.getBytes(UTF_8))), UTF_8))
        .contains(
            "\"Healthcheck\":{\"Test\":[\"CMD\",\"true\"],\"Interval\":1500000000,"
                + "\"Timeout\":7,\"Retries\":3}");
  }

  @Test
  void readsHistoryWithEmptyLayers() {
    String json =
        """
        {"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":["%s","%s"]},
         "history":[
           {"created":"2023-05-01T10:00:00.123456789+02:00","created_by":"/bin/sh -c #(nop) ADD file:x in / "},
           {"created":"2023-05-01T08:00:01Z","created_by":"/bin/sh -c #(nop)  CMD [\\"sh\\"]","empty_layer":true},
           {"comment":"buildkit.dockerfile.v0","empty_layer":false}]}
        """
            .formatted(LAYER_A, LAYER_B);

    ImageConfig config = ImageJson.readConfig(json.getBytes(UTF_8));

    assertThat(config.history()).hasSize(3);
    assertThat(config.history().get(0).created())
        .hasValue(Instant.parse("2023-05-01T08:00:00.123456789Z"));
    assertThat(config.history().get(0).emptyLayer()).isFalse();
    assertThat(config.history().get(1).emptyLayer()).isTrue();
    assertThat(config.history().get(1).createdBy()).isEqualTo("/bin/sh -c #(nop)  CMD [\"sh\"]");
    assertThat(config.history().get(2).created()).isEmpty();
    assertThat(config.history().get(2).comment()).isEqualTo("buildkit.dockerfile.v0");
    assertThat(config.history().stream().filter(h -> !h.emptyLayer()).count())
        .isEqualTo(config.diffIds().size());
    assertThat(new String(ImageJson.writeConfig(config), UTF_8))
        .contains("\"created\":\"2023-05-01T08:00:00.123456789Z\"")
        .contains("{\"comment\":\"buildkit.dockerfile.v0\"}");
  }

  /** A config as the classic docker builder writes it: many fields berth does not model. */
  @Test
  void ignoresUnknownFieldsAndNulls() {
    String json =
        """
        {"architecture":"amd64","os":"linux","docker_version":"20.10.7","container":"abc",
         "container_config":{"Hostname":"abc","Cmd":["/bin/sh","-c","#(nop) CMD"]},
         "config":{"Hostname":"","Domainname":"","User":"","AttachStdin":false,"Tty":false,
           "Env":["PATH=/bin"],"Cmd":["sh"],"Image":"sha256:%s","Volumes":null,"WorkingDir":"",
           "Entrypoint":null,"OnBuild":null,"Labels":null,"MacAddress":"","NetworkDisabled":false},
         "created":"2021-06-15T22:19:46.372Z","author":"",
         "rootfs":{"type":"layers","diff_ids":["%s"]},"future":{"nested":[1,2,{"x":null}]}}
        """
            .formatted(LAYER_A.hex(), LAYER_B);

    ImageConfig config = ImageJson.readConfig(json.getBytes(UTF_8));

    assertThat(config.config())
        .isEqualTo(ContainerConfig.builder().env(List.of("PATH=/bin")).cmd(List.of("sh")).build());
    assertThat(config.diffIds()).containsExactly(LAYER_B);
    assertThat(config.created()).hasValue(Instant.parse("2021-06-15T22:19:46.372Z"));
    assertThat(config.platform()).isEqualTo(Platform.LINUX_AMD64);
  }

  @Test
  void readsStringCommandsAndFieldNamesInAnyCase() {
    String json =
        """
        {"Architecture":"amd64","OS":"linux",
         "config":{"cmd":"echo hi","Entrypoint":"/entry","user":"app"},
         "rootfs":{"type":"layers","diff_ids":[]}}
        """;

    ImageConfig config = ImageJson.readConfig(json.getBytes(UTF_8));

    assertThat(config.platform()).isEqualTo(Platform.LINUX_AMD64);
    assertThat(config.config().cmd()).containsExactly("echo hi");
    assertThat(config.config().entrypoint()).containsExactly("/entry");
    assertThat(config.config().user()).isEqualTo("app");
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"os":"linux","config":{"Env":"A=1"}}                      | config.Env: expected an array of strings, got a string
          {"os":"linux","config":{"Env":["A=1",2]}}                  | config.Env[1]: expected a string, got the number 2
          {"config":{"Labels":{"a":true}}}                           | config.Labels.a: expected a string, got true
          {"config":{"ExposedPorts":{"80/tcp":1}}}                   | config.ExposedPorts.80/tcp: expected {}, got the number 1
          {"config":{"ArgsEscaped":"yes"}}                           | config.ArgsEscaped: expected true or false, got a string
          {"config":{"Healthcheck":{"Interval":1.5}}}                | config.Healthcheck.Interval: expected a 64-bit integer, got the number 1.5
          {"config":{"Healthcheck":{"Interval":-1}}}                 | config.Healthcheck.Interval: must not be negative, got -1
          {"config":{"Healthcheck":{"Retries":99999999999}}}         | config.Healthcheck.Retries: expected a 32-bit integer
          {"config":[]}                                              | config: expected an object, got an array
          {"rootfs":{"type":"layer","diff_ids":[]}}                  | rootfs.type: expected "layers", got 'layer'
          {"rootfs":{"type":"layers","diff_ids":["sha256:abc"]}}     | rootfs.diff_ids[0]: invalid digest 'sha256:abc'
          {"created":"yesterday"}                                    | created: expected an RFC 3339 time, got 'yesterday'
          {"history":[{"created":"2020-13-01T00:00:00Z"}]}           | history[0].created: expected an RFC 3339 time
          {"history":[{"empty_layer":1}]}                            | history[0].empty_layer: expected true or false
          {"history":{}}                                             | history: expected an array, got an object
          {"os":"linux","os":"windows"}                              | not valid JSON at line 1, column 19: Duplicate field 'os'
          {"os":"linux"} {"os":"linux"}                              | not valid JSON
          {"os":                                                     | not valid JSON
          []                                                         | expected a JSON object, got an array
          ''                                                         | expected a JSON object, got nothing
          """)
  void rejectsBadConfigsNamingTheField(String json, String message) {
    assertThatThrownBy(() -> ImageJson.readConfig(json.getBytes(UTF_8)))
        .isInstanceOf(ImageFormatException.class)
        .hasMessageStartingWith("invalid image config: ")
        .hasMessageContaining(message);
  }

  @Test
  void timesAreWrittenInUtcWithoutTrailingZeros() {
    assertThat(Rfc3339.format(Instant.parse("2024-01-02T03:04:05Z")))
        .isEqualTo("2024-01-02T03:04:05Z");
    assertThat(Rfc3339.format(Instant.parse("2024-01-02T03:04:05.100Z")))
        .isEqualTo("2024-01-02T03:04:05.1Z");
    assertThat(Rfc3339.format(Instant.parse("2024-01-02T03:04:05.000000001Z")))
        .isEqualTo("2024-01-02T03:04:05.000000001Z");
    assertThat(Rfc3339.format(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00Z");
    assertThat(Rfc3339.parse("2024-01-02T05:04:05+02:00"))
        .isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
    assertThat(Rfc3339.parse("0001-01-01T00:00:00Z"))
        .isEqualTo(Instant.parse("0001-01-01T00:00:00Z"));
    assertThatThrownBy(() -> Rfc3339.format(Instant.parse("+10000-01-01T00:00:00Z")))
        .hasMessageContaining("year outside 0000-9999");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
