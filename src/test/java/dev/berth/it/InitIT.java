package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth init} end to end, offline: the fixture projects get their Dockerfile from init with
 * the Debian-made bases (localhost/python:3.11-bookworm for the build stages, its -slim for prod;
 * made by examples/python-poetry/base/make-base.sh from the tars cached in ~/.cache/berth), check
 * clean, build dev and prod with berth, and prod runs the entry point as the build-arg user with
 * neither the dev dependency (wheel) nor a tool or its cache inside. Where a Docker engine runs,
 * docker's legacy builder builds what {@code init --no-cache-mounts} writes, and refuses the
 * default file's cache mounts, which need BuildKit.
 */
class InitIT {

  private static final String BASE = "localhost/python:3.11-bookworm";
  private static final String SLIM = "localhost/python:3.11-bookworm-slim";

  @TempDir static Path tmp;
  private static Berth berth;

  @BeforeAll
  static void bases() throws IOException {
    Tools.require("crun", "RUN steps go through an OCI runtime");
    Tools.require("debootstrap", "the Python base images are made from Debian packages");
    // The Debian bases, imported once per run and shared with the other end-to-end tests.
    berth = PythonBases.store();
  }

  /**
   * Waits for the processes that still use the store: conmon runs {@code berth container cleanup}
   * after a container ends, and that can outlive {@code berth run --rm}; the temp directory is
   * removed only once they are gone.
   */
  @AfterAll
  static void storeIdle() throws IOException, InterruptedException {
    String store = PythonBases.root().toString();
    for (int i = 0; i < 120 && !usersOf(store).isEmpty(); i++) {
      Thread.sleep(500);
    }
    assertThat(usersOf(store)).as("processes still using " + store).isEmpty();
  }

  private static List<Long> usersOf(String store) throws IOException {
    List<Long> pids = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(d -> d.getFileName().toString().matches("[0-9]+")).toList()) {
        long pid = Long.parseLong(p.getFileName().toString());
        if (pid == ProcessHandle.current().pid()) {
          continue;
        }
        for (String f : List.of("cmdline", "environ")) {
          try {
            if (new String(Files.readAllBytes(p.resolve(f)), StandardCharsets.UTF_8)
                .contains(store)) {
              pids.add(pid);
              break;
            }
          } catch (IOException e) {
            // The process ended, or is not ours to read: it does not use the store.
          }
        }
      }
    }
    return pids;
  }

  /** A copy of a fixture project with what init writes for the offline bases. */
  private static Path initialised(String fixture, String... extra) throws IOException {
    Path dir = tmp.resolve(fixture + "-" + System.nanoTime());
    Berth.exec(
            "cp",
            "-a",
            Path.of("src/test/resources/scaffold/projects", fixture).toString(),
            dir.toString())
        .ok();
    List<String> args =
        new ArrayList<>(
            List.of("init", "--base", BASE, "--prod-base", SLIM, "--offline", "--python", "3.11"));
    args.addAll(List.of(extra));
    args.add(dir.toString());
    Berth.Result init = berth.run(args.toArray(String[]::new)).ok();
    assertThat(init.out()).contains("wrote Dockerfile");
    assertThat(berth.run("check", dir.toString()).ok().out()).contains("no findings");
    return dir;
  }

  /** Builds dev and prod (prod for UID 1234, GID 2345, UNAME dev) and checks what is inside. */
  private static void buildsAndRunsAsTheUser(String fixture, String expectedOutput)
      throws IOException {
    Path dir = initialised(fixture);
    String dev = "init-" + fixture + ":dev";
    String prod = "init-" + fixture + ":latest";
    berth.run("build", "--progress", "plain", "-t", dev, "--target", "dev", dir.toString()).ok();
    berth
        .run(
            "build",
            "--progress",
            "plain",
            "-t",
            prod,
            "--target",
            "prod",
            "--build-arg",
            "UID=1234",
            "--build-arg",
            "GID=2345",
            "--build-arg",
            "UNAME=dev",
            dir.toString())
        .ok();

    Berth.Result run = berth.run("run", "--rm", prod).ok();
    assertThat(run.out()).contains(expectedOutput);

    // The dev dependency is in dev, and in dev only; prod has no tool, no tool cache and no
    // other venv (looked at as root, who could see them all).
    berth
        .run("run", "--rm", "--entrypoint", "/opt/venv/bin/python", dev, "-c", "import wheel")
        .ok();
    Berth.Result inside =
        berth
            .run(
                "run",
                "--rm",
                "--user",
                "0",
                "--entrypoint",
                "/bin/sh",
                prod,
                "-c",
                "/opt/venv/bin/python -c 'import wheel' 2>&1 | tail -n 1;"
                    + " command -v poetry pipx uv; ls -d /opt/* /root/.cache /root/.cache/*"
                    + " 2>/dev/null; id -un 1234")
            .ok();
    assertThat(inside.out().strip().split("\n"))
        .containsExactly("ModuleNotFoundError: No module named 'wheel'", "/opt/venv", "dev");
  }

  @Test
  void requirementsProjectBuildsAndRunsAsTheBuildArgUser() throws IOException {
    buildsAndRunsAsTheUser("requirements", "tally: 0 words, counted by dev (uid 1234)");
  }

  @Test
  void poetryProjectBuildsAndRunsAsTheBuildArgUser() throws IOException {
    buildsAndRunsAsTheUser("poetry", "Hello from hello 0.1.0 as dev (uid 1234, gid 2345)");
  }

  @Test
  void pep621ProjectBuildsAndRunsAsTheBuildArgUser() throws IOException {
    buildsAndRunsAsTheUser("pep621", "Hello, world! (greet as dev, uid 1234)");
  }

  @Test
  void dockersLegacyBuilderBuildsWhatInitWritesWithoutCacheMounts() throws IOException {
    Tools.requireDockerEngine();
    List<String> loaded = new ArrayList<>();
    for (String image : List.of(BASE, SLIM)) {
      if (Berth.exec("docker", "image", "inspect", image).exitCode() != 0) {
        loaded.add(image);
      }
    }
    List<String> built = new ArrayList<>();
    List<String> danglingBefore = dangling();
    try {
      if (!loaded.isEmpty()) {
        Path tar = tmp.resolve("bases.tar");
        List<String> save = new ArrayList<>(List.of("save", "-o", tar.toString()));
        save.addAll(loaded);
        berth.run(save.toArray(String[]::new)).ok();
        Berth.exec("docker", "load", "-i", tar.toString()).ok();
        Files.delete(tar);
      }
      // The Poetry fixture: its Dockerfile has every stage and instruction the others have.
      String fixture = "poetry";
      Path dir = initialised(fixture);
      // The default file's cache mounts need BuildKit: the legacy builder stops at them.
      Berth.Result refused =
          Berth.exec(
              List.of("docker", "build", "-q", "--target", "prod", dir.toString()),
              Map.of("DOCKER_BUILDKIT", "0"));
      assertThat(refused.exitCode()).isNotZero();
      assertThat(refused.err()).contains("the --mount option requires BuildKit");

      berth
          .run(
              "init",
              "--base",
              BASE,
              "--prod-base",
              SLIM,
              "--offline",
              "--python",
              "3.11",
              "--no-cache-mounts",
              "--force",
              dir.toString())
          .ok();
      assertThat(Files.readString(dir.resolve("Dockerfile"))).doesNotContain("--mount");
      String tag = "berth-init-it-" + fixture + ":latest";
      Berth.exec(
              List.of(
                  "docker",
                  "build",
                  "-q",
                  "--target",
                  "prod",
                  "-t",
                  tag,
                  "--build-arg",
                  "UID=1234",
                  "--build-arg",
                  "UNAME=dev",
                  dir.toString()),
              Map.of("DOCKER_BUILDKIT", "0"))
          .ok();
      built.add(tag);
      Berth.Result run = Berth.exec("docker", "run", "--rm", tag).ok();
      assertThat(run.out()).contains("dev").contains("1234");
    } finally {
      for (String image : built) {
        Berth.exec("docker", "rmi", "-f", image);
      }
      for (String image : loaded) {
        Berth.exec("docker", "rmi", "-f", image);
      }
      // The legacy builder leaves each stage it built as an untagged image: remove those this
      // test made, and no other.
      for (String id : dangling()) {
        if (!danglingBefore.contains(id)) {
          Berth.exec("docker", "rmi", id);
        }
      }
    }
  }

  private static List<String> dangling() throws IOException {
    String out =
        Berth.exec("docker", "images", "-q", "--no-trunc", "--filter", "dangling=true").ok().out();
    return out.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }
}
