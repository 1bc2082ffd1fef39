package dev.berth.layer;

import static dev.berth.layer.Tars.dir;
import static dev.berth.layer.Tars.file;
import static dev.berth.layer.Tars.hardLink;
import static dev.berth.layer.Tars.symlink;
import static dev.berth.layer.Tars.tar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.diag.BerthException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApplyAboveTest {
  private static final long TAR_TIME = 1_600_000_000L;

  Path base;
  long start;

  @BeforeEach
  void setUp() throws IOException {
    // Under /tmp, not a tmpfs elsewhere, and kept out of JUnit's cleanup so a mount is never
    // deleted through.
    base = Files.createTempDirectory(Path.of("/tmp"), "berth-overlay-");
    start = System.currentTimeMillis() / 1000 - 1;
  }

  @AfterEach
  void tearDown() throws IOException {
    if (base != null && !isMountPoint(base.resolve("merged"))) {
      deleteTree(base);
    }
  }

  /** Files, links and directories of every kind, so the later layers have something to change. */
  private static byte[] layer1() throws IOException {
    return tar(
        dir("etc"),
        file("etc/passwd", "root"),
        file("etc/hosts", "localhost"),
        file("etc/group", "g"),
        dir("usr"),
        dir("usr/lib"),
        file("usr/lib/libc.so", "c1"),
        symlink("lib", "usr/lib"),
        dir("run"),
        dir("var"),
        symlink("var/run", "/run"),
        dir("var/cache"),
        dir("var/cache/a"),
        file("var/cache/a/f", "f"),
        file("var/cache/b", "b"),
        dir("opt"),
        dir("opt/app"),
        file("opt/app/bin", "bin"),
        file("doomed", "d"),
        dir("dirgone"),
        file("dirgone/old", "old"),
        dir("dirgone/sub"),
        file("dirgone/sub/x", "x"),
        dir("dirgone2"),
        file("dirgone2/old", "old2"),
        dir("bin"),
        file("bin/tool", "tool"),
        dir("o"),
        file("o/old", "o"),
        dir("o/sub"),
        file("o/sub/old", "os"),
        dir("o/deep"),
        file("o/deep/old", "od"),
        dir("o/deep/er"),
        file("o/deep/er/old", "oe"),
        dir("keep"),
        dir("keep/deep"),
        file("keep/deep/k", "k"));
  }

  /** Deletions, an opaque dir (marker after the layer's own files), replaced files and dirs. */
  private static byte[] layer2() throws IOException {
    return tar(
        file("etc/.wh.hosts", ""),
        file("etc/passwd", "root2"),
        file("var/cache/.wh..wh..opq", ""),
        file("var/cache/new", "n"),
        file("opt/app", "now a file"),
        dir("doomed"),
        file("doomed/x", "x"),
        file(".wh.dirgone", ""),
        dir("dirgone"),
        file("dirgone/fresh", "fresh"),
        file(".wh.dirgone2", ""),
        file("lib/libnew.so", "through a lower symlink"),
        file("var/run/pid", "through an absolute lower symlink"),
        hardLink("bin/tool2", "bin/tool"),
        file("usr/lib/sub/deep", "deep"),
        file("o/sub/new", "mine"),
        file("o/deep/er/new", "mine"),
        file("o/.wh..wh..opq", ""),
        file("etc/.wh.nothing-there", ""));
  }

  /** Re-adds what a lower deleted, deletes what a lower added, and writes in opaque dirs. */
  private static byte[] layer3() throws IOException {
    return tar(
        file("etc/hosts", "again"),
        file("etc/.wh.passwd", ""),
        dir("dirgone2"),
        file("dirgone2/back", "back"),
        file(".wh.doomed", ""),
        file("var/cache/.wh.new", ""),
        file("o/sub/newer", "mine too"),
        dir("usr/lib/sub/"),
        file("usr/lib/sub/.wh.deep", ""));
  }

  @Test
  void applyAbove_mountedOverlay_showsWhatPlainApplyGives() throws Exception {
    assumeTrue(
        Trees.isRoot(), "skipped: overlay whiteouts, trusted.* attributes and mounting need root");
    assumeTrue(
        Files.readString(Path.of("/proc/filesystems")).contains("\toverlay\n"),
        "skipped: this kernel has no overlay file system");
    List<byte[]> layers = List.of(layer1(), layer2(), layer3());

    Path plain = Files.createDirectory(base.resolve("plain"));
    LayerApplier applier = new LayerApplier();
    Path first = Files.createDirectory(base.resolve("layer1"));
    applier.apply(new ByteArrayInputStream(layers.get(0)), first);
    applier.apply(new ByteArrayInputStream(layers.get(0)), plain);
    // Metadata a copy-up must carry: owner, mode and an attribute on a directory of the base.
    for (Path root : List.of(first, plain)) {
      Path usr = root.resolve("usr");
      Files.setAttribute(usr, "unix:uid", 1000);
      Files.setAttribute(usr, "unix:gid", 1000);
      Native.chmod(usr, 0750);
      Native.setXattr(usr, "user.berth", "1".getBytes(StandardCharsets.UTF_8));
    }

    List<Path> lowers = new ArrayList<>(List.of(first)); // nearest first
    Map<Path, Map<String, String>> before = new TreeMap<>();
    for (int i = 1; i < layers.size(); i++) {
      for (Path lower : lowers) {
        before.putIfAbsent(lower, Trees.describe(lower, true));
      }
      Path upper = Files.createDirectory(base.resolve("layer" + (i + 1)));
      applier.applyAbove(new ByteArrayInputStream(layers.get(i)), upper, lowers);
      applier.apply(new ByteArrayInputStream(layers.get(i)), plain);
      lowers.add(0, upper);
    }
    for (Map.Entry<Path, Map<String, String>> e : before.entrySet()) {
      assertThat(Trees.describe(e.getKey(), true))
          .as("lower %s is never written", e.getKey())
          .isEqualTo(e.getValue());
    }

    Path upper = lowers.remove(0);
    Path work = Files.createDirectory(base.resolve("work"));
    Path merged = Files.createDirectory(base.resolve("merged"));
    String lowerdir = String.join(":", lowers.stream().map(Path::toString).toList());
    Trees.run(
        base,
        "mount",
        "-t",
        "overlay",
        "overlay",
        "-o",
        "lowerdir=" + lowerdir + ",upperdir=" + upper + ",workdir=" + work,
        merged.toString());
    try {
      Map<String, String> expected = normalized(Trees.describe(plain, true));
      assertThat(normalized(Trees.describe(merged, true))).isEqualTo(expected);
      // The cases the layers were written for, spelled out.
      assertThat(expected)
          .containsKeys(
              "etc/hosts",
              "usr/lib/libnew.so",
              "run/pid",
              "dirgone/fresh",
              "dirgone2/back",
              "o/sub/new",
              "o/sub/newer",
              "o/deep/er/new",
              "bin/tool2",
              "opt/app",
              "keep/deep/k");
      assertThat(expected)
          .doesNotContainKeys(
              "etc/passwd",
              "var/cache/a",
              "var/cache/new",
              "dirgone/old",
              "dirgone/sub",
              "dirgone2/old",
              "doomed",
              "o/old",
              "o/sub/old",
              "o/deep/old",
              "usr/lib/sub/deep");
      assertThat(expected.get("usr")).contains("1000:1000").contains("user.berth=31");
    } finally {
      Trees.run(base, "umount", merged.toString());
    }
  }

  @Test
  void applyAbove_symlinksInTheLowers_leadInsideTheUpper() throws Exception {
    Path outside = Files.createDirectory(base.resolve("outside"));
    Files.writeString(outside.resolve("passwd"), "secret\n");
    Path lower = base.resolve("lower");
    Files.createDirectories(lower.resolve("sub/deeper"));
    Files.createSymbolicLink(lower.resolve("abs"), Path.of("/"));
    Files.createSymbolicLink(lower.resolve("up"), Path.of("../../.."));
    Files.createSymbolicLink(lower.resolve("sub/deeper/rel"), Path.of("../../../outside"));
    Files.createSymbolicLink(lower.resolve("host"), outside);
    Path upper = Files.createDirectory(base.resolve("upper"));
    Map<String, String> lowerBefore = Trees.describe(lower, false);

    new LayerApplier()
        .applyAbove(
            new ByteArrayInputStream(
                tar(
                    file("abs/tmp/x", "1"),
                    file("up/y", "2"),
                    file("sub/deeper/rel/z", "3"),
                    file("host/passwd", "4"),
                    hardLink("h", "host/passwd"))),
            upper,
            List.of(lower));

    assertThat(upper.resolve("tmp/x")).hasContent("1");
    assertThat(upper.resolve("y")).hasContent("2");
    assertThat(upper.resolve("outside/z")).hasContent("3");
    assertThat(upper.resolve(upper.getRoot().relativize(outside)).resolve("passwd"))
        .hasContent("4");
    assertThat(upper.resolve("h")).hasContent("4");
    assertThat(Trees.describe(lower, false)).isEqualTo(lowerBefore);
    try (Stream<Path> s = Files.list(outside)) {
      assertThat(s).containsExactly(outside.resolve("passwd"));
    }
    assertThat(outside.resolve("passwd")).hasContent("secret");
  }

  @Test
  void applyAbove_hostileNames_areRefused() throws Exception {
    Path lower = Files.createDirectory(base.resolve("lower"));
    Files.writeString(lower.resolve("f"), "lower");
    Path upper = Files.createDirectory(base.resolve("upper"));
    LayerApplier applier = new LayerApplier();
    for (byte[] layer :
        List.of(
            tar(file("../x", "")),
            tar(file("a/../../x", "")),
            tar(file(".wh...", "")),
            tar(hardLink("l", "../lower/f")))) {
      assertThatThrownBy(
              () -> applier.applyAbove(new ByteArrayInputStream(layer), upper, List.of(lower)))
          .matches(t -> t instanceof BerthException b && b.code().equals(LayerErrors.UNSAFE_ENTRY));
    }
    try (Stream<Path> s = Files.list(base)) {
      assertThat(s.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("lower", "upper");
    }
    try (Stream<Path> s = Files.list(upper)) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  void applyAbove_copiesUpAHardLinkTargetAndItsDirectories() throws Exception {
    Path lower = base.resolve("lower");
    Files.createDirectories(lower.resolve("bin"));
    Files.writeString(lower.resolve("bin/tool"), "tool");
    Native.chmod(lower.resolve("bin/tool"), 0751);
    Native.setTimes(lower.resolve("bin/tool"), TAR_TIME);
    Native.setTimes(lower.resolve("bin"), TAR_TIME);
    Path upper = Files.createDirectory(base.resolve("upper"));

    new LayerApplier()
        .applyAbove(
            new ByteArrayInputStream(tar(hardLink("alias", "bin/tool"))), upper, List.of(lower));

    assertThat(upper.resolve("bin/tool")).hasContent("tool");
    assertThat(Files.getAttribute(upper.resolve("alias"), "unix:ino"))
        .isEqualTo(Files.getAttribute(upper.resolve("bin/tool"), "unix:ino"));
    assertThat((Integer) Files.getAttribute(upper.resolve("bin/tool"), "unix:mode") & 07777)
        .isEqualTo(0751);
    // Copying up does not change what bin lists, so its time stays.
    assertThat(Files.getLastModifiedTime(upper.resolve("bin")).toMillis() / 1000)
        .isEqualTo(TAR_TIME);
    assertThat(Files.getAttribute(lower.resolve("bin/tool"), "unix:nlink")).isEqualTo(1);
  }

  @Test
  void applyAbove_whiteoutWithoutRoot_failsSayingRootIsNeeded() throws Exception {
    Path lower = Files.createDirectory(base.resolve("lower"));
    Files.writeString(lower.resolve("f"), "lower");
    Path upper = Files.createDirectory(base.resolve("upper"));
    assertThatThrownBy(
            () ->
                new LayerApplier(false)
                    .applyAbove(
                        new ByteArrayInputStream(tar(file(".wh.f", ""))), upper, List.of(lower)))
        .matches(LayerErrors::isLayerError)
        .hasMessageContaining("'.wh.f'")
        .hasMessageContaining("needs root");
    assertThat(lower.resolve("f")).hasContent("lower");
  }

  /** Times set while applying become "now": the two trees were written a few moments apart. */
  private Map<String, String> normalized(Map<String, String> tree) {
    Map<String, String> out = new TreeMap<>();
    tree.forEach(
        (path, d) -> {
          String[] parts = d.split(" ", 4);
          if (Long.parseLong(parts[2]) >= start) {
            parts[2] = "now";
          }
          out.put(path, String.join(" ", parts));
        });
    return out;
  }

  private static boolean isMountPoint(Path p) throws IOException {
    String mounts = Files.readString(Path.of("/proc/self/mounts"));
    return mounts.contains(" " + p + " ");
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
