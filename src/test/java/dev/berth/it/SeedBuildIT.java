package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's setup, for real: Debian bookworm bases made with debootstrap (cached between runs in
 * ~/.cache/berth), the example's app-pre and app stages built by berth, the app run as the non-root
 * user given as build args, and a source change that keeps the dependency layer cached.
 */
class SeedBuildIT {

  @TempDir Path tmp;

  @Test
  void buildsAppPreAndAppAndRunsTheConsoleScriptAsTheBuildArgUser() throws IOException {
    Tools.require("crun", "RUN steps go through an OCI runtime");
    Berth berth = PythonBases.store();
    Path example = Path.of("examples/python-poetry").toAbsolutePath();

    Path copy = tmp.resolve("example");
    Berth.exec("cp", "-a", example.toString(), copy.toString()).ok();

    berth
        .run(
            "build",
            "--progress",
            "plain",
            "-t",
            "hello:dev",
            "--target",
            "app-pre",
            copy.toString())
        .ok();
    berth
        .run(
            "build",
            "--progress",
            "plain",
            "-t",
            "hello:latest",
            "--target",
            "app",
            "--build-arg",
            "UID=1234",
            "--build-arg",
            "GID=2345",
            "--build-arg",
            "UNAME=dev",
            copy.toString())
        .ok();
    Berth.Result run = berth.run("run", "--rm", "hello:latest").ok();
    assertThat(run.out()).contains("Hello from hello 0.1.0 as dev (uid 1234, gid 2345)");

    Path main = copy.resolve("hello/main.py");
    Files.writeString(main, Files.readString(main) + "\n# a change to one source file\n");
    Berth.Result again =
        berth
            .run(
                "build",
                "--progress",
                "plain",
                "-t",
                "hello:dev",
                "--target",
                "app-pre",
                copy.toString())
            .ok();
    assertThat(PlainProgress.status(again.err(), "RUN poetry install --only main --no-root"))
        .isEqualTo("CACHED");
    assertThat(PlainProgress.status(again.err(), "COPY hello ./hello")).isEqualTo("DONE");
    assertThat(PlainProgress.status(again.err(), "RUN poetry install --only-root"))
        .isEqualTo("DONE");

    // Reproducible: two --no-cache builds of the builder stage with SOURCE_DATE_EPOCH, one digest.
    String first =
        berth
            .run(
                "build",
                "-q",
                "--no-cache",
                "--target",
                "builder",
                "--build-arg",
                "SOURCE_DATE_EPOCH=1700000000",
                copy.toString())
            .ok()
            .out()
            .trim();
    String second =
        berth
            .run(
                "build",
                "-q",
                "--no-cache",
                "--target",
                "builder",
                "--build-arg",
                "SOURCE_DATE_EPOCH=1700000000",
                copy.toString())
            .ok()
            .out()
            .trim();
    assertThat(second).isEqualTo(first);
  }
}
