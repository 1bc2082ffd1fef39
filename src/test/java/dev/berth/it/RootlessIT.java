package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * berth as an ordinary user, end to end: the test makes two users (one with subordinate ranges, one
 * without), runs the berth jar as them through setpriv, and checks the issue's acceptance scenarios
 * against what the host sees: image digests, file owners, ports, processes and mounts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RootlessIT {

  private static final long EPOCH = 1700000000L;

  private Path work;
  private User user;
  private User rangeless;
  private Path jar;

  /** A user the test made, with its home and runtime directory. */
  private record User(String name, long uid, long gid, Path home, Path runtime) {}

  @BeforeAll
  void makeUsers() throws IOException {
    assumeTrue(
        "0".equals(Berth.exec("id", "-u").out().trim()), "the test makes users, which needs root");
    for (String tool :
        List.of("rootlesskit", "slirp4netns", "newuidmap", "crun", "conmon", "setpriv")) {
      Tools.require(tool, "rootless berth runs on it");
    }
    work = Files.createTempDirectory("berth-rootless-it-");
    Berth.exec("chmod", "755", work.toString()).ok();
    jar = work.resolve("berth.jar");
    Files.copy(Berth.jar(), jar);
    Berth.exec("chmod", "644", jar.toString()).ok();
    String suffix = Long.toString(ProcessHandle.current().pid() % 100000);
    user = makeUser("berthit" + suffix, true);
    rangeless = makeUser("berthno" + suffix, false);
  }

  private User makeUser(String name, boolean ranges) throws IOException {
    Path home = work.resolve(name);
    Berth.exec("useradd", "-M", "-d", home.toString(), "-s", "/bin/sh", "-U", name).ok();
    // Debian's useradd gives a new user subordinate ranges of its own; the rangeless one loses
    // them.
    if (!ranges) {
      for (String file : List.of("/etc/subuid", "/etc/subgid")) {
        for (String line : Files.readAllLines(Path.of(file))) {
          String[] f = line.split(":");
          if (f.length == 3 && f[0].equals(name)) {
            long start = Long.parseLong(f[1]);
            String range = start + "-" + (start + Long.parseLong(f[2]) - 1);
            Berth.exec(
                    "usermod",
                    file.endsWith("uid") ? "--del-subuids" : "--del-subgids",
                    range,
                    name)
                .ok();
          }
        }
      }
    }
    if (ranges) {
      // Far from the ranges Debian's useradd hands out (100000 and up).
      long start = 400000 + 65536L * (ProcessHandle.current().pid() % 50);
      String range = start + "-" + (start + 65535);
      Berth.exec("usermod", "--add-subuids", range, "--add-subgids", range, name).ok();
    }
    long uid = Long.parseLong(Berth.exec("id", "-u", name).ok().out().trim());
    long gid = Long.parseLong(Berth.exec("id", "-g", name).ok().out().trim());
    Path runtime = home.resolve("run");
    Files.createDirectories(runtime);
    Berth.exec("chown", "-R", uid + ":" + gid, home.toString()).ok();
    Berth.exec("chmod", "700", runtime.toString()).ok();
    return new User(name, uid, gid, home, runtime);
  }

  @AfterAll
  void removeUsers() throws Exception {
    if (work == null) {
      return;
    }
    for (User u : new User[] {user, rangeless}) {
      if (u == null) {
        continue;
      }
      // Processes of the users this test made: berth's holder, should one be left.
      Berth.exec("pkill", "-KILL", "-u", Long.toString(u.uid()));
      Berth.exec("userdel", u.name());
    }
    Berth.exec("rm", "-rf", work.toString());
  }

  private Berth.Result as(User u, Path dir, String... args) throws IOException {
    return as(u, dir, Map.of(), args);
  }

  private Berth.Result as(User u, Path dir, Map<String, String> extra, String... args)
      throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "setpriv",
                "--reuid=" + u.uid(),
                "--regid=" + u.gid(),
                "--init-groups",
                "--",
                "env",
                "-i",
                "-C",
                dir.toString(),
                "HOME=" + u.home(),
                "USER=" + u.name(),
                "XDG_RUNTIME_DIR=" + u.runtime(),
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"));
    extra.forEach((k, v) -> cmd.add(k + "=" + v));
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-jar", jar.toString()));
    cmd.addAll(List.of(args));
    return Berth.exec(cmd, Map.of());
  }

  private Path store(User u) {
    return u.home().resolve(".local/share/berth");
  }

  /** An image of a root store, saved to a tar the user may read, then loaded as the user. */
  private void give(Berth from, String image, String file) throws IOException {
    Path tar = work.resolve(file);
    if (!Files.exists(tar)) {
      from.run("save", "-o", tar.toString(), image).ok();
      Berth.exec("chmod", "644", tar.toString()).ok();
    }
    as(user, user.home(), "load", "-i", tar.toString()).ok();
  }

  private Path userDir(String name) throws IOException {
    Path d = Files.createDirectories(user.home().resolve(name));
    Berth.exec("chown", "-R", user.uid() + ":" + user.gid(), d.toString()).ok();
    return d;
  }

  @Test
  void theSeedBuildsRootlessWithTheDigestOfARootBuildAndRunsAsItsBuildArgUser() throws Exception {
    Berth root = PythonBases.store();
    give(root, "localhost/python:3.11-bookworm", "python.tar");
    give(root, "localhost/python:3.11-bookworm-slim", "python-slim.tar");
    Path project = userDir("seed");
    Berth.exec(
            "cp",
            "-a",
            Path.of("examples/python-poetry").toAbsolutePath() + "/.",
            project.toString())
        .ok();
    Berth.exec("chown", "-R", user.uid() + ":" + user.gid(), project.toString()).ok();
    List<String> args =
        List.of(
            "--build-arg",
            "SOURCE_DATE_EPOCH=" + EPOCH,
            "--build-arg",
            "UID=1000",
            "--build-arg",
            "UNAME=somenergia");
    // The builder stage is reproducible (SeedBuildIT: two root builds, one digest), so a rootless
    // build of it must give the root build's digest. app-pre and app are not reproducible even
    // as root: pip compiles .pyc files that carry their sources' build-time mtimes, and their
    // hashes go into each package's RECORD.
    for (String target : List.of("builder", "app-pre", "app")) {
      List<String> build = new ArrayList<>(List.of("build", "-q", "--target", target));
      build.addAll(args);
      build.add("-t");
      build.add("seed:" + target);
      build.add(".");
      String rootless = as(user, project, build.toArray(String[]::new)).ok().out().trim();
      assertThat(rootless).as("rootless %s", target).startsWith("sha256:");
      if (target.equals("builder")) {
        List<String> rootBuild = new ArrayList<>(build.subList(0, build.size() - 3));
        rootBuild.add(project.toString());
        String asRoot = root.run(rootBuild.toArray(String[]::new)).ok().out().trim();
        assertThat(rootless).as("rootless builder").isEqualTo(asRoot);
      }
    }
    Berth.Result run = as(user, project, "run", "--rm", "seed:app").ok();
    assertThat(run.out()).contains("as somenergia (uid 1000");
    // The store is the user's, under $XDG_DATA_HOME's default, and belongs to the user.
    assertThat(Files.getAttribute(store(user), "unix:uid")).isEqualTo((int) user.uid());
    awaitNoProcessesOf(user);
  }

  /**
   * The dev-container chapter of the seed, as the host user it is meant for: the remote user of
   * app-pre gets the user's UID, postCreateCommand runs once, a changed config recreates.
   */
  @Test
  void theSeedsDevContainerOpensAsTheHostUserAndLeavesNothingWhenDown() throws Exception {
    Berth root = PythonBases.store();
    give(root, "localhost/python:3.11-bookworm", "python.tar");
    give(root, "localhost/python:3.11-bookworm-slim", "python-slim.tar");
    Path project = userDir("seed-dev");
    Berth.exec(
            "cp",
            "-a",
            Path.of("examples/python-poetry").toAbsolutePath() + "/.",
            project.toString())
        .ok();
    Berth.exec("chown", "-R", user.uid() + ":" + user.gid(), project.toString()).ok();
    String ws = project.toString();
    try {
      Berth.Result up = as(user, project, "dev", "up", "--workspace-folder", ws).ok();
      assertThat(up.err()).contains("postCreateCommand");
      String result = up.out().lines().reduce((a, b) -> b).orElseThrow();
      assertThat(result).contains("\"outcome\":\"success\"").contains("somenergia");
      as(user, project, "dev", "exec", "--workspace-folder", ws, "touch", "newfile").ok();
      assertThat(Files.getAttribute(project.resolve("newfile"), "unix:uid"))
          .isEqualTo((int) user.uid());
      assertThat(as(user, project, "dev", "exec", "--workspace-folder", ws, "hello").ok().out())
          .contains("Hello from hello 0.1.0 as somenergia (uid " + user.uid());
      // The container exists: it is used again and postCreateCommand does not run twice.
      Berth.Result again = as(user, project, "dev", "up", "--workspace-folder", ws).ok();
      assertThat(again.err()).doesNotContain("postCreateCommand");
      assertThat(containerId(again.out())).isEqualTo(containerId(result));
      Path config = project.resolve(".devcontainer/devcontainer.json");
      Files.writeString(
          config,
          Files.readString(config)
              .replace(
                  "\"remoteUser\"", "\"containerEnv\": {\"LEVEL\": \"2\"},\n  \"remoteUser\""));
      Berth.Result changed = as(user, project, "dev", "up", "--workspace-folder", ws).ok();
      assertThat(changed.err()).contains("devcontainer.json: containerEnv added");
      assertThat(
              as(user, project, "dev", "exec", "--workspace-folder", ws, "sh", "-c", "echo $LEVEL")
                  .ok()
                  .out())
          .isEqualTo("2\n");
    } finally {
      as(user, project, "dev", "down", "--workspace-folder", ws, "--remove");
    }
    assertThat(as(user, project, "ps", "-a", "-q").ok().out()).isBlank();
    awaitNoProcessesOf(user);
    assertThat(Files.readString(Path.of("/proc/self/mountinfo")))
        .doesNotContain(user.home().toString());
  }

  @Test
  void keepIdMakesTheWorkspaceFilesOfTheImagesUserBelongToTheHostUser() throws Exception {
    give(BusyboxBase.store(work.resolve("bb-for-keepid")), BusyboxBase.IMAGE, "busybox.tar");
    Path ctx = userDir("keepid");
    Files.writeString(
        ctx.resolve("Dockerfile"),
        "FROM "
            + BusyboxBase.IMAGE
            + "\n"
            + "RUN mkdir -p /home/somenergia"
            + " && echo 'somenergia:x:1000:1000::/home/somenergia:/bin/sh' >> /etc/passwd"
            + " && echo 'somenergia:x:1000:' >> /etc/group && chown 1000:1000 /home/somenergia\n"
            + "USER somenergia\n");
    as(user, ctx, "build", "-q", "-t", "somenergia:1", ".").ok();
    Path ws = userDir("keepid-ws");
    Berth.Result r =
        as(
                user,
                ws,
                "run",
                "--rm",
                "--userns=keep-id",
                "-v",
                ws + ":/w",
                "somenergia:1",
                "sh",
                "-c",
                "touch /w/made-inside && echo $(id -un) $(id -u) && touch /home/somenergia/own")
            .ok();
    assertThat(r.out().trim()).isEqualTo("somenergia " + user.uid());
    // The user's store is the user's alone, and its containers (as a non-root image user) run.
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store(user))))
        .isEqualTo("rwx------");
    Path made = ws.resolve("made-inside");
    assertThat(Files.getAttribute(made, "unix:uid")).isEqualTo((int) user.uid());
    assertThat(Files.getAttribute(made, "unix:gid")).isEqualTo((int) user.gid());
    // Without keep-id the same user writes as its image UID, which the host sees in the range
    // (and which may write only where others may).
    Berth.exec("chmod", "777", ws.toString()).ok();
    as(user, ws, "run", "--rm", "-v", ws + ":/w", "somenergia:1", "touch", "/w/plain").ok();
    assertThat(Files.getAttribute(ws.resolve("plain"), "unix:uid")).isNotEqualTo((int) user.uid());
    awaitNoProcessesOf(user);
    assertThat(store(user).resolve("mapped")).isEmptyDirectory();
  }

  @Test
  void detachedContainersPublishPortsOnTheHostAndReachEachOtherByNameOnAUserNetwork()
      throws Exception {
    give(BusyboxBase.store(work.resolve("bb-for-ports")), BusyboxBase.IMAGE, "busybox.tar");
    Path dir = userDir("ports");
    Files.writeString(dir.resolve("index.html"), "served rootless\n");
    Berth.exec("chmod", "644", dir.resolve("index.html").toString()).ok();
    int port = freePort();
    String img = BusyboxBase.IMAGE;
    as(user, dir, "network", "create", "rlnet").ok();
    try {
      as(
              user,
              dir,
              "run",
              "-d",
              "--name",
              "web",
              "--network",
              "rlnet",
              "-p",
              "127.0.0.1:" + port + ":8080",
              "-v",
              dir + ":/www:ro",
              img,
              "httpd",
              "-f",
              "-p",
              "8080",
              "-h",
              "/www")
          .ok();
      as(user, dir, "run", "-d", "--name", "peer", "--network", "rlnet", img, "sleep", "300").ok();
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      String body = "";
      for (int i = 0; i < 50 && !body.contains("served"); i++) {
        try {
          body =
              http.send(
                      HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/index.html"))
                          .timeout(Duration.ofSeconds(2))
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body();
        } catch (IOException e) {
          TimeUnit.MILLISECONDS.sleep(200);
        }
      }
      assertThat(body).isEqualTo("served rootless\n");
      assertThat(
              as(user, dir, "exec", "peer", "wget", "-qO-", "http://web:8080/index.html")
                  .ok()
                  .out())
          .isEqualTo("served rootless\n");
      assertThat(as(user, dir, "ps").ok().out())
          .contains("127.0.0.1:" + port + "->8080/tcp")
          .contains("web")
          .contains("peer");
    } finally {
      as(user, dir, "rm", "-f", "web", "peer");
      as(user, dir, "network", "rm", "rlnet");
    }
    // The last container gone, the holder goes too: no process of the user is left.
    awaitNoProcessesOf(user);
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(s.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void aBuildKilledMidwayLeavesNoMountNoProcessAndNoPartialBlob() throws Exception {
    give(BusyboxBase.store(work.resolve("bb-for-kill")), BusyboxBase.IMAGE, "busybox.tar");
    Path ctx = userDir("killed");
    Files.writeString(
        ctx.resolve("Dockerfile"),
        "FROM " + BusyboxBase.IMAGE + "\nRUN head -c 20000000 /dev/zero > /big && sleep 60\n");
    List<String> cmd = new ArrayList<>();
    cmd.addAll(
        List.of(
            "setpriv",
            "--reuid=" + user.uid(),
            "--regid=" + user.gid(),
            "--init-groups",
            "--",
            "env",
            "-i",
            "-C",
            ctx.toString(),
            "HOME=" + user.home(),
            "XDG_RUNTIME_DIR=" + user.runtime(),
            "PATH=/usr/sbin:/usr/bin:/sbin:/bin",
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-jar",
            jar.toString(),
            "build",
            "--progress",
            "plain",
            "."));
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("killed.log").toFile())
            .start();
    Path log = work.resolve("killed.log");
    for (int i = 0; i < 300 && !Files.readString(log).contains("RUN head"); i++) {
      TimeUnit.MILLISECONDS.sleep(100);
    }
    assertThat(Files.readString(log)).contains("RUN head");
    TimeUnit.SECONDS.sleep(2);
    // setpriv execs until the JVM runs: p is berth's first process.
    p.toHandle().destroyForcibly();
    p.waitFor(10, TimeUnit.SECONDS);
    awaitNoProcessesOf(user);
    String mounts = Files.readString(Path.of("/proc/self/mountinfo"));
    assertThat(mounts).doesNotContain(user.home().toString());
    try (Stream<Path> blobs = Files.list(store(user).resolve("blobs/sha256"))) {
      for (Path b : blobs.toList()) {
        assertThat(sha256(b)).as("blob %s", b.getFileName()).isEqualTo(b.getFileName().toString());
      }
    }
    // The next command finds the store as it was: the build runs again to its end.
    Files.writeString(ctx.resolve("Dockerfile"), "FROM " + BusyboxBase.IMAGE + "\nRUN true\n");
    as(user, ctx, "build", "-q", ".").ok();
  }

  @Test
  void withoutASubordinateRangeTheUserIsToldTheFixAndNothingIsWritten() throws Exception {
    Path ctx = rangeless.home();
    Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch\n");
    Berth.exec("chown", rangeless.uid() + "", ctx.resolve("Dockerfile").toString()).ok();
    Berth.Result r = as(rangeless, ctx, "build", ".");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip().lines().toList())
        .singleElement()
        .asString()
        .contains("cannot run rootless as " + rangeless.name())
        .contains("/etc/subuid")
        .contains(rangeless.name() + ":100000:65536");
    assertThat(store(rangeless)).doesNotExist();
    assertThat(rangeless.home().resolve(".local")).doesNotExist();
  }

  private static String containerId(String out) {
    Matcher m = Pattern.compile("\"containerId\":\"([0-9a-f]+)\"").matcher(out);
    assertThat(m.find()).as("a containerId in %s", out).isTrue();
    return m.group(1);
  }

  private static void awaitNoProcessesOf(User u) throws Exception {
    String left = "";
    for (int i = 0; i < 100; i++) {
      // Ended processes waiting for the host's init to reap them hold nothing; they do not count.
      left =
          Berth.exec("ps", "-u", Long.toString(u.uid()), "-o", "pid=,stat=,args=")
              .out()
              .lines()
              .filter(l -> !l.strip().split("\\s+")[1].startsWith("Z"))
              .collect(Collectors.joining("\n"))
              .strip();
      if (left.isEmpty()) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    assertThat(left).as("processes of %s left", u.name()).isEmpty();
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (var in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
