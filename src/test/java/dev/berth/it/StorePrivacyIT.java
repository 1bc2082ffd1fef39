package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A local user who is not the store's owner cannot walk into the store, so cannot reach an unpacked
 * image's setuid binaries or device nodes, while the owner's containers, also those running as a
 * non-root user in the image, still see their trees (they reach them through mounts).
 */
class StorePrivacyIT {

  private Path work;
  private Path store;
  private Berth berth;
  private String user;
  private Leaks before;

  @BeforeEach
  void setUp() throws IOException {
    assumeTrue(
        "0".equals(Berth.exec("id", "-u").out().trim()), "the test makes a user, which needs root");
    Tools.require("setpriv", "the test acts as another user through it");
    Tools.require("crun", "containers run through an OCI runtime");
    work = Files.createTempDirectory("berth-privacy-it-");
    // Everything up to the store itself is open: only the store's own mode can stop the user.
    Berth.exec("chmod", "755", work.toString()).ok();
    store = work.resolve("store");
    berth = BusyboxBase.store(store);
    user = "berthpv" + ProcessHandle.current().pid() % 100000;
    Berth.exec("useradd", "-M", "-d", "/nonexistent", "-s", "/bin/sh", "-U", user).ok();
    before = Leaks.of(store);
  }

  @AfterEach
  void tearDown() throws IOException {
    if (work == null) {
      return;
    }
    if (store != null) {
      Leaks.awaitQuiet(store);
      assertThat(Leaks.of(store).mounts()).as("mounts").isEqualTo(before.mounts());
    }
    if (user != null) {
      Berth.exec("userdel", user);
    }
    Berth.exec("rm", "-rf", work.toString());
  }

  private Berth.Result asUser(String... cmd) throws IOException {
    List<String> all =
        new ArrayList<>(
            List.of(
                "setpriv",
                "--reuid=" + user,
                "--regid=" + user,
                "--init-groups",
                "--",
                "env",
                "-i",
                "PATH=/usr/sbin:/usr/bin:/sbin:/bin"));
    all.addAll(List.of(cmd));
    return Berth.exec(all, Map.of());
  }

  /** An unpacked image's shell in the store, as a user would aim at it. */
  private Path unpackedShell() throws IOException {
    try (Stream<Path> drivers = Files.list(store.resolve("snapshots"))) {
      for (Path driver : drivers.toList()) {
        try (Stream<Path> snaps = Files.list(driver)) {
          for (Path s : snaps.toList()) {
            Path sh = s.resolve("fs/bin/busybox");
            if (Files.exists(sh)) {
              return sh;
            }
          }
        }
      }
    }
    throw new AssertionError("no unpacked busybox in " + store);
  }

  @Test
  void anotherUserCannotReachTheUnpackedImagesEvenAfterTheRootWasOpenedUp() throws IOException {
    Path shell = unpackedShell();
    // The control: with the store opened up as it used to be, the user reaches the tree.
    Berth.exec("chmod", "755", store.toString(), store.resolve("snapshots").toString()).ok();
    assertThat(asUser("stat", shell.toString()).exitCode()).as("control: open store").isZero();

    // Any berth command tightens the store again.
    berth.run("images").ok();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store)))
        .isEqualTo("rwx------");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(store.resolve("snapshots"))))
        .isEqualTo("rwx------");
    Berth.Result stat = asUser("stat", shell.toString());
    assertThat(stat.exitCode()).isNotZero();
    assertThat(stat.err()).contains("Permission denied");
    Berth.Result exec = asUser(shell.toString(), "true");
    assertThat(exec.exitCode()).isNotZero();
    assertThat(asUser("ls", store.toString()).err()).contains("Permission denied");
  }

  @Test
  void containersOfTheOwnerStillSeeTheirTrees_alsoAsANonRootImageUser() throws IOException {
    assertThat(berth.run("run", "--rm", BusyboxBase.IMAGE, "cat", "/bin/sh").ok().out())
        .isNotEmpty();
    Berth.Result r =
        berth
            .run(
                "run",
                "--rm",
                "--user",
                "65534:65534",
                BusyboxBase.IMAGE,
                "sh",
                "-c",
                "id -u; ls /bin/sh")
            .ok();
    assertThat(r.out()).contains("65534").contains("/bin/sh");
  }
}
