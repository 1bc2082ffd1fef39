package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.image.Digest;
import dev.berth.layer.RawTar;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** import and load of tars with names no file system takes: exit 2, a short message, no trace. */
class HostileArchiveCommandTest {

  @TempDir Path dir;

  private static final byte[] NUL_LAYER =
      new RawTar().file("x", "hi", Map.of("path", "etc/pass\0wd")).bytes();

  private static final byte[] LONG_LAYER =
      new RawTar().file("x", "hi", Map.of("path", "d/" + "x".repeat(5000))).bytes();

  private static void assertClean(CliRun r, String message) {
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains(message).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(r.err().length()).as("message length").isLessThan(600);
  }

  @Test
  void importOfATarWithANulInAPaxPath_exits2() throws Exception {
    Path tar = Files.write(dir.resolve("nul.tar"), NUL_LAYER);
    CliRun r =
        CliRun.of("import", "--root", dir.resolve("store").toString(), tar.toString(), "t:1");
    assertClean(r, "layer entry 'etc/pass\\0wd': the name holds a NUL byte (entry 1");
  }

  @Test
  void importOfATarWithAFiveKilobyteName_exits2WithAShortMessage() throws Exception {
    Path tar = Files.write(dir.resolve("long.tar"), LONG_LAYER);
    CliRun r =
        CliRun.of("import", "--root", dir.resolve("store").toString(), tar.toString(), "t:1");
    assertClean(r, "the name is 5002 bytes long; at most 4095 are allowed");
  }

  @Test
  void loadOfAnArchiveWhoseLayerHasANulInAPaxPath_exits2AndNamesNothing() throws Exception {
    String diffId = Digest.sha256(NUL_LAYER).toString();
    String config =
        "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},"
            + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
            + diffId
            + "\"]}}";
    String configName = Digest.sha256(config.getBytes(StandardCharsets.UTF_8)).hex() + ".json";
    String manifest =
        "[{\"Config\":\""
            + configName
            + "\",\"RepoTags\":[\"probe:nul\"],\"Layers\":[\"l/layer.tar\"]}]";
    byte[] archive =
        new RawTar()
            .file("manifest.json", manifest, Map.of())
            .file(configName, config, Map.of())
            .entry("l/layer.tar", '0', "", NUL_LAYER, Map.of())
            .bytes();
    Path tar = Files.write(dir.resolve("archive.tar"), archive);
    String store = dir.resolve("store").toString();
    CliRun r = CliRun.of("load", "--root", store, "-i", tar.toString());
    if (!dev.berth.layer.LayerApplier.isRoot()) {
      // Only root unpacks at load; others meet the layer at their first build or run.
      return;
    }
    assertClean(r, "holds a NUL byte");
    assertThat(r.err()).contains(tar.toString());
    CliRun images = CliRun.of("images", "--root", store);
    assertThat(images.exitCode()).isZero();
    assertThat(images.out()).doesNotContain("probe");
  }
}
