package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code --format} against docker as the oracle: an image berth built is saved, loaded into docker,
 * and each format string must print the same lines from {@code berth images} / {@code berth
 * inspect} as from {@code docker images} / {@code docker inspect}.
 *
 * <p>Left out on purpose, because the values differ for a reason and not by formatting:
 * CreatedSince (docker and berth read the clock at different moments), Size and VirtualSize (berth
 * reports the compressed layers it stores; docker the unpacked size in its graph driver),
 * GraphDriver, Metadata, Container and ContainerConfig (docker's own storage and history), and
 * {@code {{json .Config}}} (docker 20.10 marshals its typed config with omitempty rules that its
 * inspect JSON does not use).
 */
class FormatIT {

  private static Path tmp;
  private static Berth berth;
  private static String repo;

  @BeforeAll
  static void buildSaveAndLoadIntoDocker() throws IOException {
    Tools.requireDockerEngine();
    tmp = Files.createTempDirectory("berth-format-it-");
    berth = BusyboxBase.store(tmp.resolve("store"));
    repo = "berth-format-it-" + UUID.randomUUID().toString().substring(0, 8);
    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    Files.writeString(ctx.resolve("hello.txt"), "hello\n");
    Files.writeString(
        ctx.resolve("Dockerfile"),
        """
        FROM busybox-it:1
        ENV APP_HOME=/app GREETING="hello world"
        LABEL org.opencontainers.image.title="format test" maintainer="a <b@c>" z=last
        EXPOSE 8080/tcp 53/udp
        VOLUME /data
        WORKDIR /app
        COPY hello.txt /app/hello.txt
        USER 1000:1000
        ENTRYPOINT ["/bin/sh", "-c"]
        CMD ["echo hi"]
        """);
    berth.run("build", "-t", repo + ":1", ctx.toString()).ok();
    berth.run("tag", repo + ":1", repo + ":extra").ok();
    Path archive = tmp.resolve("image.tar");
    berth.run("save", "-o", archive.toString(), repo + ":1", repo + ":extra").ok();
    Berth.exec("docker", "load", "-i", archive.toString()).ok();
  }

  @AfterAll
  static void removeFromDocker() throws IOException {
    if (repo != null) {
      Berth.exec("docker", "rm", "-f", repo + "-ps");
      if (berth != null) {
        berth.run("rm", "-f", repo + "-ps");
      }
      Berth.exec("docker", "rmi", "-f", repo + ":1", repo + ":extra");
    }
    if (tmp != null) {
      Berth.exec("rm", "-rf", tmp.toString());
    }
  }

  static Stream<String> imagesFormats() {
    return Stream.of(
        "{{.Repository}}",
        "{{.Repository}}:{{.Tag}}",
        "{{.ID}}",
        "{{.Tag}}\\t{{.ID}}",
        "{{.Digest}}",
        "{{.CreatedAt}}",
        "{{.Containers}} {{.SharedSize}} {{.UniqueSize}}",
        "table {{.Repository}}\\t{{.Tag}}",
        "table {{.ID}}\\t{{.Repository}}\\t{{.Tag}}\\t{{.CreatedAt}}",
        "table {{.Repository}}\\t{{.Digest}}\\t{{.Containers}}",
        "table {{.Repository | printf \"%-30s\"}}|{{.Tag}}",
        "{{.Repository | upper}} {{.Tag | lower}}",
        "{{truncate .ID 4}}",
        "{{printf \"%.5s\" .ID}}",
        "{{if eq .Tag \"extra\"}}extra!{{else}}{{.Tag}}{{end}}",
        "{{len .Repository}}",
        "{{json .Repository}}",
        "{{pad .Tag 1 2}}|",
        "{{split .Repository \"-\"}}",
        "{{join (split .Repository \"-\") \"+\"}}");
  }

  @ParameterizedTest(name = "images --format {0}")
  @MethodSource("imagesFormats")
  void imagesPrintsWhatDockerPrints(String format) throws IOException {
    // One tag at a time: the two list their rows in different orders.
    for (String tag : List.of("1", "extra")) {
      String ref = repo + ":" + tag;
      String docker = Berth.exec("docker", "images", ref, "--format", format).ok().out();
      String ours = berth.run("images", ref, "--format", format).ok().out();
      assertThat(ours.lines())
          .as("berth images %s --format %s", ref, format)
          .containsExactlyElementsOf(docker.lines().toList());
    }
  }

  @Test
  void noTruncFullIdsAndJsonLines() throws IOException {
    String ref = repo + ":1";
    String docker =
        Berth.exec("docker", "images", ref, "--no-trunc", "--format", "{{.ID}}").ok().out();
    assertThat(berth.run("images", ref, "--no-trunc", "--format", "{{.ID}}").ok().out())
        .isEqualTo(docker);
    // docker 20.10 has no `--format json` keyword yet; {{json .}} is what later versions print.
    String json = Berth.exec("docker", "images", ref, "--format", "{{json .}}").ok().out();
    String ours = berth.run("images", ref, "--format", "json").ok().out();
    assertThat(withoutSizes(ours)).isEqualTo(withoutSizes(json));
  }

  /** CreatedSince and the sizes differ for the reasons in the class comment. */
  private static String withoutSizes(String json) {
    return json.replaceAll("\"(CreatedSince|Size|VirtualSize)\":\"[^\"]*\"", "\"$1\":\"-\"");
  }

  static Stream<String> inspectFormats() {
    return Stream.of(
        "{{.Id}}",
        "{{.RepoTags}}",
        "{{json .RepoTags}}",
        "{{range .RepoTags}}[{{.}}]{{end}}",
        "{{range $i, $t := .RepoTags}}{{$i}}={{$t}} {{end}}",
        "{{index .RepoTags 0}}",
        "{{len .RepoTags}} {{len .RootFS.Layers}}",
        "{{.RepoDigests}} {{.Parent}}|{{.Comment}}|{{.Author}}",
        "{{.Created}}",
        "{{.Architecture}}/{{.Os}}",
        "{{.Config.User}}",
        "{{.Config.Env}}",
        "{{json .Config.Env}}",
        "{{range .Config.Env}}{{.}}\n{{end}}",
        "{{join .Config.Env \",\"}}",
        "{{.Config.Cmd}} {{.Config.Entrypoint}}",
        "{{json .Config.Entrypoint}}",
        "{{printf \"%q\" .Config.Cmd}}",
        "{{.Config.WorkingDir}}",
        "{{.Config.Labels}}",
        "{{json .Config.Labels}}",
        "{{index .Config.Labels \"maintainer\"}}",
        "{{index .Config.Labels \"absent\"}}|",
        "{{range $k, $v := .Config.Labels}}{{$k}}={{$v}};{{end}}",
        "{{.Config.ExposedPorts}}",
        "{{range $p, $_ := .Config.ExposedPorts}}{{$p}} {{end}}",
        "{{json .Config.ExposedPorts}}",
        "{{.Config.Volumes}}",
        "{{.Config.OnBuild}} {{.Config.Shell}} {{.Config.StopSignal}}|",
        "{{.Config.Healthcheck}}",
        "{{.RootFS}}",
        "{{.RootFS.Type}} {{json .RootFS.Layers}}",
        "{{if .Config.Labels}}labelled{{else}}bare{{end}}",
        "{{if not .Config.Entrypoint}}none{{else if .Config.Cmd}}both{{end}}",
        "{{with .Config}}{{.User}} in {{.WorkingDir}}{{end}}",
        "{{upper .Os}} {{lower \"ABC\"}} {{title .Os}}",
        "{{.Os | printf \"%-8s|\"}}",
        "{{ .Os -}}   {{- .Architecture }}",
        "{{/* a comment */}}{{.Os}}",
        "{{eq .Os \"linux\"}} {{ne .Architecture \"\"}} {{and .Os .Architecture}}",
        "{{.Id}}\\t{{.Os}}");
  }

  @ParameterizedTest(name = "inspect --format {0}")
  @MethodSource("inspectFormats")
  void inspectPrintsWhatDockerPrints(String format) throws IOException {
    String[] refs = {repo + ":1", repo + ":extra"};
    String docker =
        Berth.exec("docker", "inspect", "--type", "image", "--format", format, refs[0], refs[1])
            .ok()
            .out();
    String ours =
        berth.run("inspect", "--type", "image", "--format", format, refs[0], refs[1]).ok().out();
    assertThat(ours.lines())
        .as("berth inspect --format %s", format)
        .containsExactlyElementsOf(docker.lines().toList());
  }

  static Stream<String> psFormats() {
    return Stream.of(
        "{{.Names}}",
        "{{.Image}}",
        "{{.State}}|{{.Status}}|{{.Ports}}",
        "{{.Labels}}",
        "table {{.Names}}\\t{{.Image}}\\t{{.State}}",
        "table {{.Names}}\\t{{.Status}}\\t{{.Labels}}",
        "{{if eq .State \"created\"}}{{.Names | upper}} waits{{end}}",
        "{{json .Names}} {{len .ID}}",
        "{{.Command}}",
        "table {{.Image}}\\t{{.Command}}\\t{{.Status}}");
  }

  /**
   * A created (never started) container of the image in each: ID, CreatedAt and RunningFor differ
   * by nature; Command too, as berth does not shell-quote the arguments it joins.
   */
  @ParameterizedTest(name = "ps --format {0}")
  @MethodSource("psFormats")
  void psPrintsWhatDockerPrints(String format) throws IOException {
    String name = repo + "-ps";
    if (berth.run("ps", "-a", "-q", "--filter", "name=" + name).ok().out().isBlank()) {
      berth.run("create", "--name", name, repo + ":1").ok();
      Berth.exec("docker", "create", "--name", name, repo + ":1").ok();
    }
    String docker =
        Berth.exec("docker", "ps", "-a", "--filter", "name=" + name, "--format", format).ok().out();
    String ours = berth.run("ps", "-a", "--filter", "name=" + name, "--format", format).ok().out();
    assertThat(ours.lines())
        .as("berth ps --format %s", format)
        .containsExactlyElementsOf(docker.lines().toList());
  }

  @Test
  void anUnknownFieldFailsAsDockersDoes() throws IOException {
    Berth.Result images = berth.run("images", repo + ":1", "--format", "{{.Nope}}");
    assertThat(images.exitCode()).isEqualTo(2);
    assertThat(images.err())
        .contains(
            "template: :1:2: executing \"\" at <.Nope>: can't evaluate field Nope in type image");
    Berth.Result inspect = berth.run("inspect", "--format", "{{.Config.Nope}}", repo + ":1");
    String docker =
        Berth.exec("docker", "inspect", "--format", "{{.Config.Nope}}", repo + ":1").err();
    assertThat(inspect.exitCode()).isEqualTo(2);
    String message =
        "template: :1:9: executing \"\" at <.Config.Nope>: map has no entry for key \"Nope\"";
    assertThat(docker).contains(message);
    assertThat(inspect.err()).contains(message);
  }
}
