package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build cache shared between two "runners" (two fresh stores holding only the same busybox base,
 * building copies of one context at different paths) through a real registry and through an OCI
 * layout directory. The Dockerfile has the seed's shape (builder, app-pre, a small app stage fed by
 * COPY --from) on busybox instead of debootstrapped Python bases, to stay fast. Every RUN echoes a
 * RAN- marker, which the progress output shows only when the step really runs.
 */
class BuildCacheIT {

  private static final String DOCKERFILE =
      """
      ARG WORKDIR=/app
      FROM busybox-it:1 AS builder
      ARG WORKDIR
      ENV PATH=/opt/venv/bin:$PATH VIRTUAL_ENV=/opt/venv
      RUN echo RAN-tools && mkdir -p /opt/venv/bin && echo 1.0 > /opt/venv/version
      WORKDIR ${WORKDIR}
      COPY pyproject.toml poetry.lock ./

      FROM builder AS app-pre
      ARG WORKDIR
      RUN echo RAN-deps && cat pyproject.toml poetry.lock > /opt/venv/deps
      COPY hello ./hello
      RUN echo RAN-root && cp -r hello /opt/venv/hello
      ARG UID
      ENV UID=${UID:-1000}
      RUN echo RAN-user && echo "dev:x:$UID:$UID::/app:/bin/sh" >> /etc/passwd
      USER dev

      FROM busybox-it:1 AS app
      ARG WORKDIR
      WORKDIR ${WORKDIR}
      COPY --from=app-pre /opt/venv /opt/venv
      RUN echo RAN-app && echo "app:x:1000:1000::/app:/bin/sh" >> /etc/passwd
      USER app
      CMD ["cat", "/opt/venv/deps", "/opt/venv/hello/main.py"]
      """;

  /** The steps that make layers, as progress names them, in build order. */
  private static final List<String> LAYER_STEPS =
      List.of(
          "RUN echo RAN-tools",
          "WORKDIR /app",
          "COPY pyproject.toml poetry.lock ./",
          "RUN echo RAN-deps",
          "COPY hello ./hello",
          "RUN echo RAN-root",
          "RUN echo RAN-user",
          "COPY --from=app-pre /opt/venv /opt/venv",
          "RUN echo RAN-app");

  @TempDir Path tmp;

  private Path context(String name) throws IOException {
    Path ctx = Files.createDirectories(tmp.resolve(name));
    Files.writeString(ctx.resolve("Dockerfile"), DOCKERFILE);
    Files.writeString(ctx.resolve("pyproject.toml"), "[tool.poetry]\nname = \"hello\"\n");
    Files.writeString(ctx.resolve("poetry.lock"), "# no packages\n");
    Files.createDirectories(ctx.resolve("hello"));
    Files.writeString(ctx.resolve("hello/main.py"), "print('hello')\n");
    Files.writeString(ctx.resolve("hello/__init__.py"), "");
    return ctx;
  }

  private static Berth.Result build(Berth runner, Path ctx, String... cacheFlags)
      throws IOException {
    List<String> args = new ArrayList<>(List.of("build", "--progress", "plain", "-t", "app:ci"));
    args.addAll(List.of(cacheFlags));
    args.add(ctx.toString());
    return runner.run(args.toArray(String[]::new)).ok();
  }

  private static String imageId(Berth.Result r) {
    return r.out().strip();
  }

  private static List<String> ran(Berth.Result r) {
    return r.err()
        .lines()
        .filter(l -> l.matches("#\\d+ .*RAN-\\w+$") && !l.contains("RUN echo"))
        .map(l -> l.substring(l.indexOf("RAN-")))
        .toList();
  }

  @Test
  void aSecondRunnerTakesEveryStepFromARegistryCacheAndThenRerunsOnlyWhatAChangeReaches()
      throws Exception {
    Tools.require("crun", "RUN steps go through an OCI runtime");
    try (LocalRegistry reg = LocalRegistry.start(tmp.resolve("reg"), "")) {
      String ref = reg.host() + "/ci/app:buildcache";
      Berth first = BusyboxBase.store(tmp.resolve("runner1"));
      Berth second = BusyboxBase.store(tmp.resolve("runner2"));
      Leaks before = Leaks.of(tmp);

      Berth.Result one =
          build(first, context("ctx1"), "--cache-to", "type=registry,ref=" + ref + ",mode=max");
      assertThat(ran(one))
          .containsExactly("RAN-tools", "RAN-deps", "RAN-root", "RAN-user", "RAN-app");
      assertThat(one.err()).contains("exporting cache to registry " + ref + " (mode=max");

      Path ctx2 = context("ctx2");
      long t0 = System.nanoTime();
      Berth.Result two = build(second, ctx2, "--cache-from", "type=registry,ref=" + ref);
      long importedMs = (System.nanoTime() - t0) / 1_000_000;
      assertThat(ran(two)).isEmpty();
      for (String step : LAYER_STEPS) {
        assertThat(PlainProgress.status(two.err(), step)).as(step).isEqualTo("CACHED");
      }
      assertThat(imageId(two)).isEqualTo(imageId(one));
      assertThat(two.err()).contains("imported 10 cache records from registry " + ref);

      // The layers are really there: the image runs on the second runner.
      Berth.Result run = second.run("run", "--rm", "app:ci").ok();
      assertThat(run.out()).contains("[tool.poetry]").contains("print('hello')");

      // The same build again on the second runner: its own cache now, no registry needed.
      long t1 = System.nanoTime();
      Berth.Result local = build(second, ctx2);
      long localMs = (System.nanoTime() - t1) / 1_000_000;
      assertThat(ran(local)).isEmpty();
      System.out.printf(
          "BENCH registry cache: second runner %d ms, local fully cached %d ms%n",
          importedMs, localMs);

      Files.writeString(ctx2.resolve("hello/main.py"), "print('changed')\n");
      Berth.Result three = build(second, ctx2, "--cache-from", "type=registry,ref=" + ref);
      assertThat(ran(three)).containsExactly("RAN-root", "RAN-user", "RAN-app");
      assertThat(PlainProgress.status(three.err(), "RUN echo RAN-deps")).isEqualTo("CACHED");
      assertThat(PlainProgress.status(three.err(), "COPY hello ./hello")).isEqualTo("DONE");
      assertThat(imageId(three)).isNotEqualTo(imageId(one));
      assertThat(second.run("run", "--rm", "app:ci").ok().out()).contains("print('changed')");

      Leaks.awaitQuiet(tmp.resolve("runner2"));
      assertThat(Leaks.of(tmp)).isEqualTo(before);
    }
  }

  @Test
  void aSecondRunnerTakesEveryStepFromALocalCacheDirectory() throws Exception {
    Tools.require("crun", "RUN steps go through an OCI runtime");
    Path dir = tmp.resolve("cache-dir");
    Berth first = BusyboxBase.store(tmp.resolve("runner1"));
    Berth second = BusyboxBase.store(tmp.resolve("runner2"));

    Berth.Result one =
        build(first, context("ctx1"), "--cache-to", "type=local,dest=" + dir + ",mode=max");
    assertThat(dir.resolve("index.json")).exists();
    assertThat(dir.resolve("oci-layout")).exists();

    Path ctx2 = context("ctx2");
    long t0 = System.nanoTime();
    Berth.Result two = build(second, ctx2, "--cache-from", "type=local,src=" + dir);
    long importedMs = (System.nanoTime() - t0) / 1_000_000;
    assertThat(ran(two)).isEmpty();
    for (String step : LAYER_STEPS) {
      assertThat(PlainProgress.status(two.err(), step)).as(step).isEqualTo("CACHED");
    }
    assertThat(imageId(two)).isEqualTo(imageId(one));

    long t1 = System.nanoTime();
    build(first, context("ctx1b"));
    long localMs = (System.nanoTime() - t1) / 1_000_000;
    System.out.printf(
        "BENCH local cache: second runner %d ms, local fully cached %d ms%n", importedMs, localMs);

    Files.writeString(ctx2.resolve("pyproject.toml"), "[tool.poetry]\nname = \"hello2\"\n");
    Berth.Result three = build(second, ctx2, "--cache-from", "type=local,src=" + dir);
    assertThat(ran(three)).containsExactly("RAN-deps", "RAN-root", "RAN-user", "RAN-app");
    assertThat(PlainProgress.status(three.err(), "RUN echo RAN-tools")).isEqualTo("CACHED");
  }

  @Test
  void modeMinLeavesOutTheStagesTheImageOnlyCopiesFrom() throws Exception {
    Tools.require("crun", "RUN steps go through an OCI runtime");
    Path dir = tmp.resolve("cache-dir");
    Berth first = BusyboxBase.store(tmp.resolve("runner1"));
    Berth second = BusyboxBase.store(tmp.resolve("runner2"));
    Berth.Result one = build(first, context("ctx1"), "--cache-to", "type=local,dest=" + dir);
    assertThat(one.err()).contains("(mode=min, 3 records)");
    Berth.Result two = build(second, context("ctx2"), "--cache-from", "type=local,src=" + dir);
    // builder and app-pre run again; the app stage's own steps come from the cache.
    assertThat(ran(two)).containsExactly("RAN-tools", "RAN-deps", "RAN-root", "RAN-user");
    assertThat(PlainProgress.status(two.err(), "RUN echo RAN-app")).isEqualTo("CACHED");
    assertThat(imageId(two)).isEqualTo(imageId(one));
  }

  @Test
  void composeCacheFromAndCacheToTakeTheSamePath() throws Exception {
    Tools.require("crun", "RUN steps go through an OCI runtime");
    Path dir = tmp.resolve("cache-dir");
    String compose =
        "services:\n"
            + "  app:\n"
            + "    image: cacheit-app\n"
            + "    build:\n"
            + "      context: .\n"
            + "      cache_from: [\"type=local,src="
            + dir
            + "\"]\n"
            + "      cache_to: [\"type=local,dest="
            + dir
            + ",mode=max\"]\n";
    Berth first = BusyboxBase.store(tmp.resolve("runner1"));
    Berth second = BusyboxBase.store(tmp.resolve("runner2"));
    Path ctx1 = context("ctx1");
    Path ctx2 = context("ctx2");
    Files.writeString(ctx1.resolve("compose.yaml"), compose);
    Files.writeString(ctx2.resolve("compose.yaml"), compose);

    Berth.Result one =
        first
            .run(
                "compose",
                "-f",
                ctx1.resolve("compose.yaml").toString(),
                "build",
                "--progress",
                "plain")
            .ok();
    // The first runner finds no cache yet: a warning, and the build goes on.
    assertThat(one.err()).contains("warning: --cache-from local " + dir);
    assertThat(ran(one)).hasSize(5);
    Berth.Result two =
        second
            .run(
                "compose",
                "-f",
                ctx2.resolve("compose.yaml").toString(),
                "build",
                "--progress",
                "plain")
            .ok();
    assertThat(ran(two)).isEmpty();
    for (String step : LAYER_STEPS) {
      assertThat(PlainProgress.status(two.err(), step)).as(step).isEqualTo("CACHED");
    }
    String format = "{{.Id}}";
    assertThat(second.run("inspect", "--format", format, "cacheit-app").ok().out())
        .isEqualTo(first.run("inspect", "--format", format, "cacheit-app").ok().out());
  }

  @Test
  void badCacheFlagsExit2NamingTheValue() throws Exception {
    Berth runner = new Berth(tmp.resolve("store"));
    Berth.Result r = runner.run("build", "--cache-to", "type=gha,ref=x", context("ctx").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("cache type 'gha' is not supported");
    Berth.Result m =
        runner.run(
            "build", "--cache-to", "type=local,dest=/tmp/x,mode=all", context("ctx2").toString());
    assertThat(m.exitCode()).isEqualTo(2);
    assertThat(m.err()).contains("mode must be min or max, not 'all'");
  }
}
