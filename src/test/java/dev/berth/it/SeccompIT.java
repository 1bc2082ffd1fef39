package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The seccomp filter in the OCI config, enforced by real crun: docker's default blocks unshare in
 * {@code berth run} and in RUN steps, {@code seccomp=unconfined} lifts it, a profile of docker's
 * format is applied, and a bad one is exit 2 at its file and line.
 */
class SeccompIT {

  private Path work;
  private Berth berth;
  private Leaks before;

  @BeforeEach
  void setUp() throws IOException {
    Tools.require("crun", "the filter is enforced by an OCI runtime");
    work = Files.createTempDirectory("berth-seccomp-it-");
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
    Berth.exec("rm", "-rf", work.toString());
  }

  /** busybox's unshare applet, whatever the base image links. */
  private static final String UNSHARE = "/bin/busybox unshare -U /bin/busybox true";

  @Test
  void theDefaultProfileBlocksUnshareAndUnconfinedAllowsIt() throws IOException {
    Berth.Result blocked = berth.run("run", "--rm", BusyboxBase.IMAGE, "sh", "-c", UNSHARE);
    assertThat(blocked.exitCode()).as(blocked.err()).isNotZero();
    assertThat(blocked.out() + blocked.err()).contains("Operation not permitted");

    berth
        .run(
            "run",
            "--rm",
            "--security-opt",
            "seccomp=unconfined",
            BusyboxBase.IMAGE,
            "sh",
            "-c",
            UNSHARE)
        .ok();
  }

  @Test
  void aProfileOfDockersFormatBlockingMkdirMakesMkdirFailWithEperm() throws IOException {
    Path profile = work.resolve("no-mkdir.json");
    Files.writeString(
        profile,
        "{\"defaultAction\": \"SCMP_ACT_ALLOW\",\n"
            + " \"syscalls\": [{\"names\": [\"mkdir\", \"mkdirat\"],"
            + " \"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": 1}]}\n");
    Berth.Result r =
        berth.run(
            "run",
            "--rm",
            "--security-opt",
            "seccomp=" + profile,
            BusyboxBase.IMAGE,
            "/bin/busybox",
            "mkdir",
            "/made");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out() + r.err())
        .contains("can't create directory '/made': Operation not permitted");
    // The control: the same mkdir with the default profile works.
    berth.run("run", "--rm", BusyboxBase.IMAGE, "/bin/busybox", "mkdir", "/made").ok();
  }

  @Test
  void aProfileThatIsNotJsonExits2AtItsFileAndLine() throws IOException {
    Path profile = work.resolve("bad.json");
    Files.writeString(profile, "{\"defaultAction\": \"SCMP_ACT_ALLOW\",\n \"syscalls\": [ { , ]\n");
    Berth.Result r =
        berth.run("run", "--rm", "--security-opt", "seccomp=" + profile, BusyboxBase.IMAGE, "true");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains(profile + ":2:").doesNotContain("\tat ");
  }

  @Test
  void aRunStepGetsTheDefaultProfileToo() throws IOException {
    Path context = Files.createDirectories(work.resolve("ctx"));
    Files.writeString(
        context.resolve("Dockerfile"),
        "FROM " + BusyboxBase.IMAGE + "\nRUN " + UNSHARE + " || echo unshare-refused\n");
    Berth.Result r = berth.run("build", "--progress", "plain", context.toString()).ok();
    assertThat(r.err()).contains("Operation not permitted").contains("unshare-refused");
  }
}
