package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a build's context comes from, as docker users give it (issue 18, acceptance 2): a
 * Dockerfile piped to {@code -f -}, a compressed tar or a lone Dockerfile on {@code -}, a git
 * repository over {@code file://} and over {@code git daemon} at a tag and a subdirectory; and what
 * RUN sees of {@code --add-host}, {@code --ulimit} and {@code --shm-size}. Each image is run and a
 * file in it checked.
 */
class BuildContextsIT {

  @TempDir Path tmp;

  private Berth.Result sh(Path store, String line) throws IOException {
    String berth = Path.of(System.getProperty("java.home"), "bin", "java") + " -jar " + Berth.jar();
    return Berth.exec(
        List.of("sh", "-c", line), Map.of("BERTH_ROOT", store.toString(), "BERTH", berth));
  }

  private static List<String> entries(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (var s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static String cat(Berth berth, String image, String file) throws IOException {
    return berth.run("run", "--rm", image, "cat", file).ok().out();
  }

  @Test
  void dockerfileFromStdinTarContextsAndALoneDockerfile() throws IOException {
    Path store = tmp.resolve("store");
    Berth berth = BusyboxBase.store(store);
    Leaks before = Leaks.of(store);
    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    Files.writeString(ctx.resolve("hello.txt"), "from the context\n");
    Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox-it:1\nCOPY hello.txt /hello.txt\n");
    Files.createDirectories(ctx.resolve("build"));
    Files.writeString(
        ctx.resolve("build/Other.Dockerfile"),
        "FROM busybox-it:1\nCOPY hello.txt /other.txt\nRUN test -e /other.txt\n");

    Path piped = tmp.resolve("piped.Dockerfile");
    Files.writeString(piped, "FROM busybox-it:1\nCOPY hello.txt /piped.txt\n");
    sh(store, "cat '" + piped + "' | $BERTH build -q -f - -t piped:1 '" + ctx + "'").ok();
    assertThat(cat(berth, "piped:1", "/piped.txt")).isEqualTo("from the context\n");
    List<String> digestCaches = entries(store.resolve("context-cache"));

    Path tgz = tmp.resolve("ctx.tar.gz");
    Berth.exec("tar", "czf", tgz.toString(), "-C", ctx.toString(), ".").ok();
    Berth.Result b = sh(store, "$BERTH build -t tgz:1 - < '" + tgz + "'").ok();
    assertThat(b.out().strip()).startsWith("sha256:");
    assertThat(cat(berth, "tgz:1", "/hello.txt")).isEqualTo("from the context\n");

    // -f names a file inside the tar; xz as well as gzip.
    Path txz = tmp.resolve("ctx.tar.xz");
    Berth.exec("tar", "cJf", txz.toString(), "-C", ctx.toString(), ".").ok();
    sh(store, "$BERTH build -q -f build/Other.Dockerfile -t txz:1 - < '" + txz + "'").ok();
    assertThat(cat(berth, "txz:1", "/other.txt")).isEqualTo("from the context\n");

    // docker build - < Dockerfile: no context but the Dockerfile.
    Path lone = tmp.resolve("lone.Dockerfile");
    Files.writeString(
        lone, "FROM busybox-it:1\nCOPY Dockerfile /Dockerfile\nRUN echo lone > /lone.txt\n");
    sh(store, "$BERTH build -q -t lone:1 - < '" + lone + "'").ok();
    assertThat(cat(berth, "lone:1", "/lone.txt")).isEqualTo("lone\n");

    Berth.Result both = sh(store, "$BERTH build -f - - < '" + lone + "'");
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).contains("cannot read both the build context and the Dockerfile");

    // A tar whose entry climbs out is refused, and nothing lands outside.
    Path evil = tmp.resolve("evil.tar");
    Berth.exec(
            "python3",
            "-c",
            "import tarfile,io,sys\n"
                + "t=tarfile.open(sys.argv[1],'w')\n"
                + "for n,d in (('Dockerfile',b'FROM busybox-it:1\\n'),('../escaped',b'x')):\n"
                + "  i=tarfile.TarInfo(n); i.size=len(d); t.addfile(i,io.BytesIO(d))\n"
                + "t.close()\n",
            evil.toString())
        .ok();
    Berth.Result refused = sh(store, "cd '" + tmp + "' && $BERTH build - < '" + evil + "'");
    assertThat(refused.exitCode()).as(refused.err()).isEqualTo(2);
    assertThat(refused.err()).contains("the context tar cannot be unpacked");
    assertThat(tmp.resolve("escaped")).doesNotExist();

    // The unpacked contexts went with their builds, and so did their digest caches.
    assertThat(entries(store.resolve("context-cache"))).isEqualTo(digestCaches);
    try (var left = Files.list(store.resolve("tmp"))) {
      for (Path session : left.toList()) {
        try (var inside = Files.list(session)) {
          assertThat(inside.map(p -> p.getFileName().toString()))
              .noneMatch(n -> n.startsWith("context"));
        }
      }
    }
    Leaks.awaitQuiet(store);
    assertThat(Leaks.of(store)).isEqualTo(before);
  }

  /** A bare repository with app/ at tag v1 ("v1") and main one commit later ("v2"). */
  private Path repository(Path dir) throws IOException {
    Path bare = dir.resolve("repo.git");
    Path work = dir.resolve("work");
    Berth.exec("git", "init", "-q", "--bare", "-b", "main", bare.toString()).ok();
    Berth.exec("git", "init", "-q", "-b", "main", work.toString()).ok();
    Files.createDirectories(work.resolve("app"));
    Files.writeString(
        work.resolve("app/Dockerfile"), "FROM busybox-it:1\nCOPY . /src\nRUN cat /src/msg.txt\n");
    Files.writeString(work.resolve("app/msg.txt"), "v1\n");
    Files.writeString(
        work.resolve("Dockerfile"), "FROM busybox-it:1\nCOPY . /src\nRUN ls -A /src > /ls.txt\n");
    git(work, "add", "-A");
    git(work, "commit", "-q", "-m", "one");
    git(work, "tag", "-a", "v1", "-m", "version 1");
    Files.writeString(work.resolve("app/msg.txt"), "v2\n");
    git(work, "commit", "-q", "-am", "two");
    git(work, "push", "-q", bare.toString(), "main", "v1");
    return bare;
  }

  private static Berth.Result git(Path dir, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
    cmd.addAll(List.of(args));
    return Berth.exec(
            cmd,
            Map.of(
                "GIT_AUTHOR_NAME", "t",
                "GIT_AUTHOR_EMAIL", "t@example.com",
                "GIT_COMMITTER_NAME", "t",
                "GIT_COMMITTER_EMAIL", "t@example.com"))
        .ok();
  }

  @Test
  void gitContextsOverFileUrlsAtATagAndASubdirectory() throws IOException {
    Tools.require("git", "git build contexts");
    Path store = tmp.resolve("store");
    Berth berth = BusyboxBase.store(store);
    Path bare = repository(tmp);
    String url = "file://" + bare;

    Berth.Result tag = berth.run("build", "-t", "tag:1", url + "#v1:app").ok();
    assertThat(tag.err()).contains("git: cloning");
    assertThat(cat(berth, "tag:1", "/src/msg.txt")).isEqualTo("v1\n");
    assertThat(cat(berth, "tag:1", "/src/Dockerfile")).contains("COPY . /src");

    berth.run("build", "-q", "-t", "main:1", url + "#main:app").ok();
    assertThat(cat(berth, "main:1", "/src/msg.txt")).isEqualTo("v2\n");

    // The whole repository, at its HEAD: .git is no part of the context.
    berth.run("build", "-q", "-t", "root:1", url).ok();
    assertThat(cat(berth, "root:1", "/ls.txt")).isEqualTo("Dockerfile\napp\n");

    // The same commit again: no clone, the cached checkout.
    Berth.Result again = berth.run("build", "-t", "tag:2", url + "#v1:app").ok();
    assertThat(again.err()).contains("git: using the cached checkout").doesNotContain("cloning");
    // By commit ID, it needs no repository at all.
    String commit =
        Berth.exec("git", "--git-dir", bare.toString(), "rev-parse", "v1^{commit}")
            .ok()
            .out()
            .strip();
    Path moved = tmp.resolve("moved.git");
    Files.move(bare, moved);
    berth.run("build", "-q", "-t", "sha:1", url + "#" + commit + ":app").ok();
    assertThat(cat(berth, "sha:1", "/src/msg.txt")).isEqualTo("v1\n");
    Files.move(moved, bare);

    Berth.Result noRef = berth.run("build", url + "#nope:app");
    assertThat(noRef.exitCode()).isEqualTo(2);
    assertThat(noRef.err()).contains("no branch, tag or ref named 'nope'");
    Berth.Result noDir = berth.run("build", url + "#v1:missing");
    assertThat(noDir.exitCode()).isEqualTo(2);
    assertThat(noDir.err()).contains("no directory 'missing'");
    Berth.Result noRepo = berth.run("build", "file://" + tmp.resolve("none.git"));
    assertThat(noRepo.exitCode()).as(noRepo.err()).isEqualTo(2);
    Berth.Result climbs = berth.run("build", url + "#v1:../x");
    assertThat(climbs.exitCode()).isEqualTo(2);
    assertThat(climbs.err()).contains("may not climb out");
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    Berth.Result down = berth.run("build", "git://127.0.0.1:" + closed + "/repo.git#v1");
    assertThat(down.exitCode()).as(down.err()).isEqualTo(1);
    assertThat(down.err()).contains("git context");
  }

  @Test
  void gitContextFromAGitDaemon() throws IOException, InterruptedException {
    Tools.require("git", "git build contexts");
    Path store = tmp.resolve("store");
    Berth berth = BusyboxBase.store(store);
    repository(tmp);
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Process daemon =
        new ProcessBuilder(
                "git",
                "daemon",
                "--export-all",
                "--reuseaddr",
                "--base-path=" + tmp,
                "--listen=127.0.0.1",
                "--port=" + port,
                tmp.toString())
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("daemon.log").toFile())
            .start();
    try {
      awaitPort(port);
      berth
          .run("build", "-q", "-t", "daemon:1", "git://127.0.0.1:" + port + "/repo.git#v1:app")
          .ok();
      assertThat(cat(berth, "daemon:1", "/src/msg.txt")).isEqualTo("v1\n");
      Berth.Result missing = berth.run("build", "git://127.0.0.1:" + port + "/none.git#v1");
      assertThat(missing.exitCode()).as(missing.err()).isEqualTo(2);
    } finally {
      daemon.destroy();
      if (!daemon.waitFor(10, TimeUnit.SECONDS)) {
        daemon.destroyForcibly();
        daemon.waitFor(10, TimeUnit.SECONDS);
      }
    }
    assertThat(daemon.isAlive()).isFalse();
  }

  private static void awaitPort(int port) throws IOException, InterruptedException {
    for (int i = 0; i < 100; i++) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new IOException("git daemon did not listen on " + port);
  }

  @Test
  void runSeesAddHostUlimitAndShmSize() throws IOException {
    Path store = tmp.resolve("store");
    Berth berth = BusyboxBase.store(store);
    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    Files.writeString(
        ctx.resolve("Dockerfile"),
        "FROM busybox-it:1\n"
            + "RUN cat /etc/hosts > /hosts.txt && ulimit -n > /nofile.txt && ulimit -Hn >>"
            + " /nofile.txt && df -k /dev/shm | tail -n 1 > /shm.txt\n");
    berth
        .run(
            "build",
            "-t",
            "extras:1",
            "--add-host",
            "db:10.1.2.3",
            "--add-host",
            "gw=host-gateway",
            "--ulimit",
            "nofile=1024:2048",
            "--shm-size",
            "128m",
            "--platform",
            "linux/amd64",
            ctx.toString())
        .ok();
    assertThat(cat(berth, "extras:1", "/hosts.txt")).contains("10.1.2.3\tdb\n", "127.0.0.1\tgw\n");
    assertThat(cat(berth, "extras:1", "/nofile.txt")).isEqualTo("1024\n2048\n");
    assertThat(cat(berth, "extras:1", "/shm.txt")).contains(" 131072 ");

    // The address of a host is no part of the key (BuildKit's rule); the limits are.
    Berth.Result moved =
        berth
            .run(
                "build",
                "-t",
                "extras:2",
                "--add-host",
                "db:10.9.9.9",
                "--add-host",
                "gw=host-gateway",
                "--ulimit",
                "nofile=1024:2048",
                "--shm-size",
                "128m",
                ctx.toString())
            .ok();
    assertThat(moved.err()).contains("(2 steps, 1 cached)");
    Berth.Result limits =
        berth
            .run(
                "build",
                "--add-host",
                "db:10.1.2.3",
                "--add-host",
                "gw=host-gateway",
                "--ulimit",
                "nofile=512:2048",
                "--shm-size",
                "128m",
                ctx.toString())
            .ok();
    assertThat(limits.err()).contains("(2 steps, 0 cached)");

    Berth.Result arm = berth.run("build", "--platform", "linux/arm64", ctx.toString());
    assertThat(arm.exitCode()).isEqualTo(2);
    assertThat(arm.err()).contains("berth builds only for this machine's platform");
    Berth.Result bad = berth.run("build", "--ulimit", "nofile=2048:1024", ctx.toString());
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("ulimit soft limit must be less than or equal to hard limit");
  }

  @Test
  void namedContextsWinOverStagesAndImagesOfTheSameName() throws IOException {
    Tools.require("git", "git build contexts");
    Path store = tmp.resolve("store");
    Berth berth = BusyboxBase.store(store);
    Path bare = repository(tmp);
    Path lib = Files.createDirectories(tmp.resolve("lib"));
    Files.writeString(lib.resolve("x.txt"), "from the named directory\n");
    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    Files.writeString(
        ctx.resolve("Dockerfile"),
        "FROM busybox-it:1 AS lib\n"
            + "RUN mkdir -p /x.txt\n"
            + "FROM base\n"
            + "COPY --from=lib x.txt /copied.txt\n"
            + "COPY --from=repo msg.txt /msg.txt\n"
            + "RUN --mount=from=lib,target=/mnt cat /mnt/x.txt > /mounted.txt\n");
    berth
        .run(
            "build",
            "-t",
            "named:1",
            "--build-context",
            "lib=" + lib,
            "--build-context",
            "base=docker-image://" + BusyboxBase.IMAGE,
            "--build-context",
            "repo=file://" + bare + "#v1:app",
            ctx.toString())
        .ok();
    assertThat(cat(berth, "named:1", "/copied.txt")).isEqualTo("from the named directory\n");
    assertThat(cat(berth, "named:1", "/mounted.txt")).isEqualTo("from the named directory\n");
    assertThat(cat(berth, "named:1", "/msg.txt")).isEqualTo("v1\n");

    // A change in the named directory reaches the key of the steps that read it.
    Files.writeString(lib.resolve("x.txt"), "changed\n");
    berth
        .run(
            "build",
            "-q",
            "-t",
            "named:2",
            "--build-context",
            "lib=" + lib,
            "--build-context",
            "base=docker-image://" + BusyboxBase.IMAGE,
            "--build-context",
            "repo=file://" + bare + "#v1:app",
            ctx.toString())
        .ok();
    assertThat(cat(berth, "named:2", "/mounted.txt")).isEqualTo("changed\n");

    Files.writeString(ctx.resolve("Dockerfile"), "FROM lib\n");
    Berth.Result dirBase = berth.run("build", "--build-context", "lib=" + lib, ctx.toString());
    assertThat(dirBase.exitCode()).isEqualTo(2);
    assertThat(dirBase.err()).contains("the named context 'lib' is a directory");
    Berth.Result badSpec = berth.run("build", "--build-context", "lib", ctx.toString());
    assertThat(badSpec.exitCode()).isEqualTo(2);
  }
}
