package dev.berth.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.rootless.HostUser;
import dev.berth.rootless.SubordinateIds;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfoServiceTest {

  @TempDir Path tmp;

  /** A host whose programs, files and user the test decides. */
  private static final class FakeHost implements InfoService.Host {
    final Map<String, Path> programs = new HashMap<>();
    final Map<Path, String> versions = new HashMap<>();
    final Map<Path, String> files = new HashMap<>();
    long uid;
    boolean overlay = true;
    Optional<Long> holder = Optional.empty();
    List<String> missing = List.of();
    String kernel = "6.1.0-18-amd64";

    @Override
    public Optional<Path> find(String program) {
      return Optional.ofNullable(programs.get(program));
    }

    @Override
    public Optional<String> versionLine(Path program) {
      return Optional.ofNullable(versions.get(program));
    }

    @Override
    public Optional<String> read(Path file) {
      return Optional.ofNullable(files.get(file));
    }

    @Override
    public boolean exists(Path file) {
      return files.containsKey(file);
    }

    @Override
    public long uid() {
      return uid;
    }

    @Override
    public Optional<Path> cniPluginDir() {
      return Optional.of(Path.of("/usr/lib/cni"));
    }

    @Override
    public HostUser user() {
      return new HostUser(
          "dev",
          1000,
          1000,
          List.of(new SubordinateIds.Range(100000, 65536)),
          List.of(),
          Optional.empty());
    }

    @Override
    public Optional<Long> holderPid(HostUser user) {
      return holder;
    }

    @Override
    public List<String> missingForRootless(HostUser user) {
      return missing;
    }

    @Override
    public boolean overlayWorks() {
      return overlay;
    }

    @Override
    public String kernel() {
      return kernel;
    }

    @Override
    public String architecture() {
      return "amd64";
    }

    @Override
    public int cpus() {
      return 4;
    }

    void program(String name, String versionLine) {
      Path p = Path.of("/usr/bin", name);
      programs.put(name, p);
      versions.put(p, versionLine);
    }
  }

  private Berth berth(Map<String, String> env) throws IOException {
    return Berth.fromEnvironment(env, Optional.of(tmp.resolve("store")));
  }

  @Test
  void rootWithCrunAndAStoreThatMountsOverlay() throws IOException {
    FakeHost host = new FakeHost();
    host.program("crun", "crun version 1.8.1");
    host.program("runc", "runc version 1.1.5");
    host.program("conmon", "conmon version 2.1.6");
    host.files.put(tmp.resolve("store"), "");
    host.files.put(Path.of("/sys/fs/cgroup/cgroup.controllers"), "cpu io memory");
    host.files.put(
        Path.of("/etc/os-release"), "ID=debian\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n");
    host.files.put(Path.of("/proc/meminfo"), "MemTotal:        8000000 kB\nMemFree: 1 kB\n");

    SystemInfo info = new InfoService(berth(Map.of()), host).gather();

    assertThat(info.storeRoot()).isEqualTo(tmp.resolve("store").toString());
    assertThat(info.runtime())
        .isEqualTo(
            new SystemInfo.Component("crun", Optional.of("/usr/bin/crun"), Optional.of("1.8.1")));
    assertThat(info.snapshotter().name()).isEqualTo("overlay");
    assertThat(info.cgroupVersion()).isEqualTo(2);
    assertThat(info.operatingSystem()).isEqualTo("Debian GNU/Linux 12 (bookworm)");
    assertThat(info.memoryBytes()).isEqualTo(8_000_000L * 1024);
    assertThat(info.components())
        .extracting(SystemInfo.Component::name, c -> c.version().orElse("-"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("conmon", "2.1.6"),
            org.assertj.core.groups.Tuple.tuple("slirp4netns", "-"),
            org.assertj.core.groups.Tuple.tuple("rootlesskit", "-"));
    assertThat(info.rootless()).isEmpty();
  }

  @Test
  void runcWhenCrunIsMissingCgroupV1AndCopyWhenOverlayFails() throws IOException {
    FakeHost host = new FakeHost();
    host.program("runc", "runc version 1.1.5");
    host.files.put(tmp.resolve("store"), "");
    host.overlay = false;

    SystemInfo info = new InfoService(berth(Map.of()), host).gather();

    assertThat(info.runtime().name()).isEqualTo("runc");
    assertThat(info.runtime().version()).contains("1.1.5");
    assertThat(info.cgroupVersion()).isEqualTo(1);
    assertThat(info.snapshotter().name()).isEqualTo("copy");
  }

  @Test
  void aMissingStoreIsNotProbedAndTheEnvironmentForcesTheSnapshotter() throws IOException {
    FakeHost host = new FakeHost();
    host.overlay = true;
    assertThat(new InfoService(berth(Map.of()), host).gather().snapshotter().name())
        .isEqualTo("overlay or copy");
    SystemInfo forced = new InfoService(berth(Map.of("BERTH_SNAPSHOTTER", "copy")), host).gather();
    assertThat(forced.snapshotter())
        .isEqualTo(new SystemInfo.Snapshotter("copy", "set by BERTH_SNAPSHOTTER"));
    assertThat(forced.runtime().name()).isEqualTo("chroot (fallback)");
  }

  @Test
  void anOrdinaryUserSeesTheRangesTheHolderAndWhatIsMissing() throws IOException {
    FakeHost host = new FakeHost();
    host.uid = 1000;
    host.holder = Optional.of(4242L);
    host.missing = List.of("slirp4netns is not installed: apt-get install slirp4netns");
    host.kernel = "5.10.0-28-amd64";

    SystemInfo info = new InfoService(berth(Map.of()), host).gather();

    SystemInfo.Rootless r = info.rootless().orElseThrow();
    assertThat(r.user()).isEqualTo("dev");
    assertThat(r.subuids()).containsExactly("100000-165535 (65536)");
    assertThat(r.subgids()).isEmpty();
    assertThat(r.holderPid()).contains(4242L);
    assertThat(r.missing()).hasSize(1);
    // Linux 5.10 cannot mount overlay in a user namespace: copies are what commands will use.
    assertThat(info.snapshotter().name()).isEqualTo("copy");
  }

  @Test
  void versionsAreReadFromTheFirstLine() {
    assertThat(InfoService.versionIn("crun version 1.8.1")).contains("1.8.1");
    assertThat(InfoService.versionIn("slirp4netns version 1.2.0")).contains("1.2.0");
    assertThat(InfoService.versionIn("rootlesskit version 1.1.0")).contains("1.1.0");
    assertThat(InfoService.versionIn("conmon version 2.1.6")).contains("2.1.6");
    assertThat(InfoService.versionIn("tini version 0.19.0 - git.de40ad0")).contains("0.19.0");
    assertThat(InfoService.versionIn("no number here")).isEmpty();
  }
}
