package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile and unlucky inputs through the real CLI against crun: symlinks in a stage that aim at the
 * host resolve inside the stage, bad input exits 2 with a short message that says what is wrong
 * (permission denied, a name too long), and what COPY cannot copy is named, not silently dropped.
 */
class HardeningIT {

  private Path work;
  private Path context;
  private Path hostMarker;
  private Berth berth;
  private Leaks before;

  @BeforeEach
  void setUp() throws IOException {
    Tools.require("crun", "RUN steps run through an OCI runtime");
    work = Files.createTempDirectory("berth-hardening-it-");
    context = Files.createDirectories(work.resolve("ctx"));
    // A host directory outside every root berth uses, holding a file no build may see.
    hostMarker = Files.createTempDirectory(Path.of("/tmp"), "berth-host-marker-");
    Files.writeString(hostMarker.resolve("host-secret"), "host");
    berth = BusyboxBase.store(work.resolve("store"));
    before = Leaks.of(work.resolve("store"));
  }

  @AfterEach
  void tearDown() throws IOException {
    if (work == null) {
      return;
    }
    Leaks.awaitQuiet(work.resolve("store"));
    assertThat(Leaks.of(work.resolve("store")).mounts()).as("mounts").isEqualTo(before.mounts());
    try (var names = Files.list(hostMarker)) {
      assertThat(names.map(p -> p.getFileName().toString())).containsExactly("host-secret");
    }
    Berth.exec("rm", "-rf", work.toString(), hostMarker.toString());
  }

  private Berth.Result build(String dockerfile) throws IOException {
    Files.writeString(context.resolve("Dockerfile"), dockerfile);
    return berth.run("build", "--progress", "plain", "--no-cache", context.toString());
  }

  @Test
  void aBindMountFromAStageWhoseSourceLinksToTheHostSeesTheStagesPath() throws IOException {
    String df =
        "FROM "
            + BusyboxBase.IMAGE
            + " AS data\n"
            + ("RUN ln -s " + hostMarker + " /data\n")
            + "FROM "
            + BusyboxBase.IMAGE
            + "\n"
            + "RUN --mount=type=bind,from=data,source=/data,target=/m ls -a /m; echo listed\n";
    // The stage's /data leads to <stage>/tmp/berth-host-marker-…, which the stage lacks.
    Berth.Result missing = build(df);
    assertThat(missing.exitCode()).as(missing.err()).isEqualTo(2);
    assertThat(missing.err()).contains("source /data not found").doesNotContain("host-secret");

    String withDir = df.replace(" /data\n", " /data && mkdir -p " + hostMarker + "\n");
    Berth.Result empty = build(withDir).ok();
    assertThat(empty.err()).contains("listed").doesNotContain("host-secret");
  }

  @Test
  void aSymlinkLoopInACopyDestinationExits2() throws IOException {
    Files.writeString(context.resolve("a.txt"), "a");
    Berth.Result r =
        build("FROM " + BusyboxBase.IMAGE + "\nRUN ln -s /loop /loop\nCOPY a.txt /loop/x\n");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("too many levels of symbolic links").doesNotContain("\tat ");
  }

  @Test
  void rmiOfAPresentAndAMissingImageRemovesThePresentOneAndExits1() throws IOException {
    berth.run("tag", BusyboxBase.IMAGE, "keep-out:1").ok();
    Berth.Result r = berth.run("rmi", "no-such:1", "keep-out:1");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
    assertThat(r.out()).contains("Untagged: keep-out:1");
    assertThat(r.err().strip()).isEqualTo("berth: No such image: no-such:1");
    assertThat(berth.run("images").ok().out()).doesNotContain("keep-out");
  }

  @Test
  void anOutputFileInAMissingDirectoryIsRefusedAndNothingIsCreated() throws IOException {
    Files.writeString(context.resolve("Dockerfile"), "FROM " + BusyboxBase.IMAGE + "\n");
    Path missing = work.resolve("no-such-dir");
    Berth.Result r =
        berth.run(
            "build",
            "--output",
            "type=docker,dest=" + missing.resolve("x.tar"),
            context.toString());
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("directory " + missing + " does not exist");
    assertThat(missing).doesNotExist();
  }

  @Test
  void aFromThatIsAPathErrsAtItsLine() throws IOException {
    Berth.Result r = build("# a base that is a host path\nFROM ../../etc/passwd\n");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err())
        .contains(context.resolve("Dockerfile") + ":2:1: error: base image ../../etc/passwd")
        .doesNotContain("\tat ");
  }

  @Test
  void anUnreadableContextFileExits2AndSaysPermissionDenied() throws IOException {
    Tools.require("setpriv", "the build runs without the capabilities that read any file");
    Path secret = context.resolve("secret");
    Files.writeString(secret, "s");
    Files.setPosixFilePermissions(secret, Set.of());
    Files.writeString(
        context.resolve("Dockerfile"), "FROM " + BusyboxBase.IMAGE + "\nCOPY . /c/\n");
    // root that cannot override file permissions reads as any owner would; the copy snapshotter
    // keeps overlayfs's own 000 work directory out of the way.
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "setpriv",
                "--inh-caps=-dac_override,-dac_read_search",
                "--bounding-set=-dac_override,-dac_read_search"));
    cmd.addAll(Berth.command("build", "--progress", "plain", context.toString()));
    Berth.Result r =
        Berth.exec(
            cmd,
            Map.of("BERTH_ROOT", work.resolve("store").toString(), "BERTH_SNAPSHOTTER", "copy"));
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains(secret + ": permission denied").doesNotContain("\tat ");
  }

  @Test
  void aNameTooLongForTheFileSystemExits2WithAShortMessage() throws IOException {
    Files.writeString(context.resolve("a.txt"), "a");
    Berth.Result r =
        build("FROM " + BusyboxBase.IMAGE + "\nCOPY a.txt /x/" + "b".repeat(3000) + "\n");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err())
        .contains("a name in it is 3000 bytes long; at most 255 are allowed")
        .doesNotContain("\tat ");
    // The progress shows the instruction as written; the error lines name the path by its ends.
    assertThat(r.err().lines().filter(l -> l.contains("error") || l.contains("ERROR")))
        .isNotEmpty()
        .allSatisfy(l -> assertThat(l).hasSizeLessThan(600));
    assertThat(berth.run("images", "-q").ok().out().lines()).hasSize(1);
  }

  @Test
  void pipesAndSocketsInTheContextAreSkippedWithAWarning() throws IOException {
    Files.writeString(context.resolve("a.txt"), "a");
    Berth.exec("mkfifo", context.resolve("fifo").toString()).ok();
    try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      socket.bind(UnixDomainSocketAddress.of(context.resolve("app.sock")));
      Berth.Result r =
          build("FROM " + BusyboxBase.IMAGE + "\nCOPY . /c/\nRUN ls /c | tr '\\n' ' '; echo END\n")
              .ok();
      assertThat(r.err())
          .contains(
              "COPY skips what is not a file, directory or symbolic link: app.sock (a socket),"
                  + " fifo (a named pipe)")
          .contains("Dockerfile a.txt END")
          .doesNotContain("\tat ");

      Berth.Result named = build("FROM " + BusyboxBase.IMAGE + "\nCOPY fifo /f\n");
      assertThat(named.exitCode()).as(named.err()).isEqualTo(2);
      assertThat(named.err()).contains("source \"fifo\" is a named pipe");
    }
  }
}
