package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Containers reach only the devices docker gives them: a device cgroup allowing the standard nodes
 * (and mknod of any), docker's capability set, and {@code --device}, {@code --cap-add/--cap-drop}
 * and {@code --privileged} as docker's, against real crun as root.
 */
class DevicesIT {

  private static final String DENIED = "Operation not permitted";

  @TempDir Path tmp;
  Berth berth;
  Path store;
  Leaks before;
  List<String> cgroupsBefore;

  @BeforeEach
  void setUp() throws IOException {
    Tools.require("crun", "containers run through an OCI runtime");
    Tools.require("conmon", "detached containers are supervised by conmon");
    store = tmp.resolve("store");
    berth = BusyboxBase.store(store);
    before = Leaks.of(store);
    // A container of an earlier test may still be being taken down (conmon's exit command runs
    // after the container ends): its devices cgroup goes with it.
    cgroupsBefore = settledDeviceCgroups(List.of());
  }

  @AfterEach
  void nothingIsLeftBehind() throws IOException {
    berth.run("rm", "-f", "held");
    Leaks.awaitQuiet(store);
    Leaks after = Leaks.of(store);
    assertThat(after.mounts()).as("mounts").isEqualTo(before.mounts());
    assertThat(after.netns()).as("network namespaces").isEqualTo(before.netns());
    assertThat(settledDeviceCgroups(cgroupsBefore)).as("devices cgroups").isEqualTo(cgroupsBefore);
  }

  /**
   * The devices cgroups berth made, once they are {@code expected} or 10 s have passed: taking a
   * container down removes its cgroup a moment after the command that asked for it returns.
   */
  private static List<String> settledDeviceCgroups(List<String> expected) throws IOException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    List<String> now = deviceCgroups();
    while (!now.equals(expected) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      now = deviceCgroups();
    }
    return now;
  }

  /** The devices cgroups berth made (cgroup v1 hosts; none elsewhere). */
  private static List<String> deviceCgroups() throws IOException {
    Path root = Path.of("/sys/fs/cgroup/devices");
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    // A cgroup removed while the walk runs (a container being taken down) must not fail it.
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isDirectory)
          .filter(p -> p.getFileName().toString().startsWith("berth-"))
          .map(Path::toString)
          .sorted()
          .toList();
    } catch (UncheckedIOException | NoSuchFileException e) {
      return deviceCgroups();
    }
  }

  private Berth.Result run(String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of("run", "--rm", "--network", "none"));
    all.addAll(List.of(args));
    return berth.run(all.toArray(String[]::new));
  }

  @Test
  void aRootContainerMayMakeAHostDiskNodeButNotOpenIt() throws IOException {
    Berth.Result r =
        run(
            BusyboxBase.IMAGE,
            "sh",
            "-c",
            "busybox mknod /tmp/sda b 8 0 && echo made; : < /tmp/sda && echo opened");
    assertThat(r.out()).contains("made").doesNotContain("opened");
    assertThat(r.err()).contains(DENIED);
    assertThat(r.exitCode()).isNotZero();
    // The standard nodes work as before.
    run(BusyboxBase.IMAGE, "sh", "-c", "echo x > /dev/null && : < /dev/zero && : < /dev/urandom")
        .ok();
  }

  @Test
  void aRunStepCannotOpenADiskNodeItMakes() throws IOException {
    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    Files.writeString(
        ctx.resolve("Dockerfile"),
        "FROM " + BusyboxBase.IMAGE + "\nRUN busybox mknod /tmp/sda b 8 0 && : < /tmp/sda\n");
    Berth.Result r = berth.run("build", "-t", "mknod-it:1", ctx.toString());
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains(DENIED);
  }

  @Test
  void aDeviceNodeInAnImageLayerCannotBeOpenedByAnUnprivilegedUser() throws IOException {
    Path rootfs = Tools.busyboxRootfs(tmp.resolve("rootfs"));
    Files.createDirectories(rootfs.resolve("opt"));
    // The host's /dev/kvm numbers, world-readable and -writable, as a hostile layer would ship it.
    Berth.Result mknod =
        Berth.exec(
            List.of("mknod", "-m", "0666", rootfs.resolve("opt/kvm").toString(), "c", "10", "232"),
            Map.of());
    assertThat(mknod.exitCode()).as("mknod: %s", mknod.err()).isZero();
    berth.run("import", rootfs.toString(), "devnode-it:1").ok();
    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    Files.writeString(ctx.resolve("Dockerfile"), "FROM devnode-it:1\nUSER 65534\n");
    berth.run("build", "-t", "devnode-user-it:1", ctx.toString()).ok();

    Berth.Result r =
        run(
            "devnode-user-it:1",
            "sh",
            "-c",
            "id -u; ls -l /opt/kvm; : < /opt/kvm && echo opened; : > /opt/kvm && echo written");
    assertThat(r.out()).contains("65534").contains("10, 232");
    assertThat(r.out()).doesNotContain("opened").doesNotContain("written");
    assertThat(r.err()).contains(DENIED);
  }

  @Test
  void capDropAllMakesChownFail() throws IOException {
    run(BusyboxBase.IMAGE, "chown", "65534", "/tmp").ok();
    Berth.Result r = run("--cap-drop", "ALL", BusyboxBase.IMAGE, "chown", "65534", "/tmp");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains(DENIED);
    Berth.Result back =
        run("--cap-drop", "ALL", "--cap-add", "chown", BusyboxBase.IMAGE, "chown", "65534", "/tmp");
    back.ok();
  }

  @Test
  void aDetachedContainersExecKeepsItsCapabilitiesAndDeviceRules() throws IOException {
    berth
        .run(
            "run",
            "-d",
            "--name",
            "held",
            "--network",
            "none",
            "--cap-drop",
            "CHOWN",
            BusyboxBase.IMAGE,
            "sleep",
            "300")
        .ok();
    Berth.Result chown = berth.run("exec", "held", "chown", "65534", "/tmp");
    assertThat(chown.exitCode()).isNotZero();
    assertThat(chown.err()).contains(DENIED);
    Berth.Result open =
        berth.run(
            "exec",
            "held",
            "sh",
            "-c",
            "busybox mknod /tmp/sda b 8 0 && echo made; : < /tmp/sda && echo opened");
    assertThat(open.out()).contains("made").doesNotContain("opened");
    assertThat(open.err()).contains(DENIED);
    berth.run("rm", "-f", "held").ok();
  }

  @Test
  void anAddedDeviceAppearsWhereAskedAndWorks() throws IOException {
    Berth.Result r =
        run(
            "--device",
            "/dev/null:/dev/mynull",
            BusyboxBase.IMAGE,
            "sh",
            "-c",
            "ls -l /dev/mynull && echo hi > /dev/mynull && echo written");
    r.ok();
    assertThat(r.out()).contains("1,   3").contains("written");
    // A node outside the standard set opens only as its PERMS allow.
    Path outside =
        Stream.of("/dev/loop0", "/dev/loop-control", "/dev/kvm")
            .map(Path::of)
            .filter(Files::exists)
            .findFirst()
            .orElse(null);
    assumeTrue(outside != null, "no loop or kvm device on this host");
    Berth.Result readOnly =
        run(
            "--device",
            outside + ":/dev/given:r",
            BusyboxBase.IMAGE,
            "sh",
            "-c",
            ": < /dev/given && echo read; echo hi > /dev/given && echo written");
    assertThat(readOnly.out()).as("stderr: %s", readOnly.err()).contains("read");
    assertThat(readOnly.out()).doesNotContain("written");
    assertThat(readOnly.err()).contains(DENIED);
  }

  @Test
  void aPrivilegedContainerMayMakeAndOpenDeviceNodes() throws IOException {
    Berth.Result r =
        run(
            "--privileged",
            BusyboxBase.IMAGE,
            "sh",
            "-c",
            "busybox mknod /tmp/loop b 7 0 && : < /tmp/loop && echo opened && ls /dev");
    r.ok();
    assertThat(r.out()).contains("opened").contains("loop0");
  }

  @Test
  void badValuesAreOneLineErrorsWithExitCode2() throws IOException {
    Berth.Result cap = run("--cap-add", "NET_ADMIM", BusyboxBase.IMAGE, "true");
    assertThat(cap.exitCode()).isEqualTo(2);
    assertThat(cap.err()).contains("NET_ADMIM").doesNotContain("Exception");
    Berth.Result missing = run("--device", "/dev/no-such-device", BusyboxBase.IMAGE, "true");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("/dev/no-such-device").doesNotContain("Exception");
    Berth.Result notDevice = run("--device", "/etc/hostname", BusyboxBase.IMAGE, "true");
    assertThat(notDevice.exitCode()).isEqualTo(2);
    assertThat(notDevice.err()).contains("not a character or block device");
    Berth.Result perms = run("--device", "/dev/null:/dev/x:rwz", BusyboxBase.IMAGE, "true");
    assertThat(perms.exitCode()).isEqualTo(2);
    assertThat(perms.err()).contains("r, w and m");
  }
}
