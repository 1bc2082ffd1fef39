package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * berth build and berth run on a busybox multi-stage fixture made in the test: stages, --target,
 * COPY --from, build args, USER, a user created in a RUN, a stage that must not run; the cache;
 * failures; and the result run by docker.
 */
class BuildIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String DOCKERFILE =
      """
      ARG BASE=busybox-it:1
      FROM ${BASE} AS base
      RUN mkdir -p /opt/tools && echo tool > /opt/tools/tool.txt

      FROM base AS broken
      RUN echo this stage is not needed && exit 42

      FROM base AS builder
      ARG GREETING=hello
      WORKDIR /src
      COPY app/ ./
      RUN echo "$GREETING from builder" > /src/built.txt && cat /src/main.sh >> /src/built.txt

      FROM ${BASE} AS app
      ARG UID=1000
      ARG UNAME=appuser
      RUN echo "$UNAME:x:$UID:$UID::/home/$UNAME:/bin/sh" >> /etc/passwd && echo "$UNAME:x:$UID:" >> /etc/group && mkdir -p /home/$UNAME && chown $UID:$UID /home/$UNAME
      COPY --from=builder /src/ /app/
      COPY --from=base /opt/tools/tool.txt /app/tool.txt
      COPY --chown=${UID}:${UID} app/main.sh /home/$UNAME/main.sh
      ENV APP_HOME=/app
      WORKDIR /app
      USER ${UNAME}
      ENTRYPOINT ["/bin/sh", "-c"]
      CMD ["cat /app/built.txt; id -un; id -u"]
      """;

  @TempDir Path tmp;
  Berth berth;
  Path context;
  String tag;

  @BeforeEach
  void setUp() throws IOException {
    Tools.require("crun", "RUN steps and berth run go through an OCI runtime");
    berth = BusyboxBase.store(tmp.resolve("store"));
    context = Files.createDirectories(tmp.resolve("ctx"));
    Files.writeString(context.resolve("Dockerfile"), DOCKERFILE);
    Files.createDirectories(context.resolve("app"));
    Files.writeString(context.resolve("app/main.sh"), "echo main v1\n");
    Files.writeString(context.resolve(".dockerignore"), "ignored.txt\n");
    Files.writeString(context.resolve("ignored.txt"), "must not be sent\n");
    tag = "app-" + UUID.randomUUID().toString().substring(0, 8) + ":1";
  }

  private Berth.Result build(String... extra) throws IOException {
    List<String> args = new ArrayList<>(List.of("build", "--progress", "plain", "-t", tag));
    args.addAll(List.of(extra));
    args.add(context.toString());
    return berth.run(args.toArray(String[]::new));
  }

  @Test
  void buildsTheTargetAndRunsItAsTheUserCreatedInARun() throws IOException {
    Berth.Result b = build("--build-arg", "UID=1234", "--build-arg", "GREETING=hi").ok();
    assertThat(b.err()).doesNotContain("this stage is not needed");
    Berth.Result r = berth.run("run", "--rm", tag).ok();
    assertThat(r.out()).isEqualTo("hi from builder\necho main v1\nappuser\n1234\n");
    JsonNode config = JSON.readTree(berth.run("inspect", tag).ok().out()).get(0).get("ImageConfig");
    assertThat(config.get("config").get("User").asText()).isEqualTo("appuser");
    assertThat(config.get("config").get("WorkingDir").asText()).isEqualTo("/app");
    assertThat(config.get("config").get("Env").toString())
        .contains("APP_HOME=/app")
        .doesNotContain("GREETING");
    assertThat(config.get("history").toString()).contains("RUN /bin/sh -c echo \\\"$UNAME:x:$UID");
    Berth.Result owner =
        berth
            .run(
                "run",
                "--rm",
                "--entrypoint",
                "",
                tag,
                "stat",
                "-c",
                "%u:%g",
                "/home/appuser/main.sh")
            .ok();
    assertThat(owner.out().trim()).isEqualTo("1234:1234");
  }

  @Test
  void targetBuildsOnlyTheStagesItNeeds() throws IOException {
    Berth.Result b = build("--target", "builder").ok();
    assertThat(b.err()).contains("[builder").doesNotContain("[app ").doesNotContain("[broken");
    Berth.Result r = berth.run("run", "--rm", tag, "cat", "/src/built.txt").ok();
    assertThat(r.out()).isEqualTo("hello from builder\necho main v1\n");
  }

  @Test
  void aFullyCachedBuildGivesTheSameImageAndTouchingASourceChangesNothing() throws IOException {
    String first = build().ok().out().trim();
    Files.setLastModifiedTime(
        context.resolve("app/main.sh"), FileTime.from(Instant.now().plusSeconds(60)));
    Berth.Result second = build().ok();
    assertThat(second.out().trim()).isEqualTo(first);
    for (String run :
        List.of(
            "RUN mkdir -p /opt/tools",
            "RUN echo \"$GREETING",
            "RUN echo \"$UNAME:x:$UID",
            "COPY app/ ./")) {
      assertThat(stepStatus(second.err(), run)).as(run).isEqualTo("CACHED");
    }
  }

  @Test
  void changingASourceRerunsOnlyWhatDependsOnIt() throws IOException {
    build().ok();
    Files.writeString(context.resolve("app/main.sh"), "echo main v2\n");
    Berth.Result b = build().ok();
    String err = b.err();
    // The base stage's RUN and the app stage's adduser do not depend on app/: cached.
    assertThat(stepStatus(err, "RUN mkdir -p /opt/tools")).isEqualTo("CACHED");
    assertThat(stepStatus(err, "RUN echo \"$UNAME:x:$UID")).isEqualTo("CACHED");
    // The builder's COPY and RUN, and the app's COPY --from=builder, run again.
    assertThat(stepStatus(err, "RUN echo \"$GREETING from builder\"")).isEqualTo("DONE");
    assertThat(berth.run("run", "--rm", tag).ok().out()).contains("echo main v2");
  }

  private static String stepStatus(String progress, String text) {
    return PlainProgress.status(progress, text);
  }

  @Test
  void aFailingRunStopsTheBuildWithItsExitCodeAndOutput() throws IOException {
    Files.writeString(
        context.resolve("Dockerfile"), "FROM busybox-it:1\nRUN echo about to fail && exit 3\n");
    String before = blobs();
    Berth.Result b = build();
    assertThat(b.exitCode()).isEqualTo(1);
    assertThat(b.err())
        .contains("Dockerfile:2")
        .contains("RUN echo about to fail && exit 3")
        .contains("exited with code 3")
        .contains("about to fail");
    assertThat(berth.run("images", "-q").ok().out().lines()).hasSize(1);
    assertThat(mounts()).doesNotContain(tmp.resolve("store").toString());
    assertThat(before).isNotEmpty();
  }

  @Test
  void badInputIsExitTwo() throws IOException {
    Files.writeString(context.resolve("Dockerfile"), "FROM busybox-it:1\nCOPY missing.txt /x\n");
    Berth.Result missing = build();
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("missing.txt");

    Files.writeString(
        context.resolve("Dockerfile"), "FROM busybox-it:1\nCOPY --from=nowhere-image:1 /x /x\n");
    Berth.Result from = build();
    assertThat(from.exitCode()).isEqualTo(2);
    assertThat(from.err()).contains("nowhere-image");

    Files.writeString(
        context.resolve("Dockerfile"),
        "FROM busybox-it:1\nCOPY --chown=nobody-here app/main.sh /x\n");
    Berth.Result chown = build();
    assertThat(chown.exitCode()).isEqualTo(2);
    assertThat(chown.err()).contains("nobody-here");

    Files.writeString(context.resolve("Dockerfile"), "FROM 127.0.0.1:9/not-in-store:1\nRUN true\n");
    Berth.Result base = build();
    assertThat(base.exitCode()).isEqualTo(2);
    assertThat(base.err()).contains("not-in-store");

    Files.writeString(context.resolve("Dockerfile"), "FROM busybox-it:1\nCOPY ignored.txt /x\n");
    Berth.Result ignored = build();
    assertThat(ignored.exitCode()).as(ignored.err()).isEqualTo(2);
    assertThat(berth.run("images", "-q").ok().out().lines()).hasSize(1);
  }

  @Test
  void dockerRunsWhatBerthBuilt() throws IOException {
    Tools.requireDockerEngine();
    build("--build-arg", "UID=2345").ok();
    Path archive = tmp.resolve("app.tar");
    berth.run("save", "-o", archive.toString(), tag).ok();
    try {
      Berth.exec("docker", "load", "-i", archive.toString()).ok();
      Berth.Result r = Berth.exec("docker", "run", "--rm", "--network", "none", tag).ok();
      assertThat(r.out()).isEqualTo("hello from builder\necho main v1\nappuser\n2345\n");
    } finally {
      Berth.exec("docker", "rmi", "-f", tag);
    }
  }

  @Test
  void runPassesExitCodesAndStdin() throws IOException {
    build().ok();
    assertThat(berth.run("run", "--rm", "--entrypoint", "/bin/sh", tag, "-c", "exit 7").exitCode())
        .isEqualTo(7);
    assertThat(
            berth
                .run(
                    "run",
                    "--rm",
                    "-e",
                    "X=42",
                    "--entrypoint",
                    "/bin/sh",
                    tag,
                    "-c",
                    "echo $X $APP_HOME")
                .ok()
                .out())
        .isEqualTo("42 /app\n");
  }

  private String blobs() throws IOException {
    try (var files = Files.list(tmp.resolve("store/blobs/sha256"))) {
      return files.map(p -> p.getFileName().toString()).sorted().toList().toString();
    }
  }

  private static String mounts() throws IOException {
    return Files.readString(Path.of("/proc/self/mountinfo"));
  }
}
