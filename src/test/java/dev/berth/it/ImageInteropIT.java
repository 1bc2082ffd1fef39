package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images made by berth, checked by the tools people use: docker load and docker run, skopeo, umoci;
 * and docker's own saves loaded into berth.
 */
class ImageInteropIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  Berth berth;
  String tag;

  @BeforeEach
  void setUp() throws IOException {
    berth = new Berth(tmp.resolve("store"));
    tag = "berth-it-" + UUID.randomUUID().toString().substring(0, 8);
    Path rootfs = Tools.busyboxRootfs(tmp.resolve("rootfs"));
    Files.writeString(rootfs.resolve("etc/motd"), "made by berth\n");
    berth.run("import", rootfs.toString(), tag + ":1").ok();
  }

  private JsonNode inspect(String image) throws IOException {
    return JSON.readTree(berth.run("inspect", image).ok().out()).get(0);
  }

  @Test
  void importedImageIsListedAndInspectable() throws IOException {
    Berth.Result images = berth.run("images").ok();
    assertThat(images.out()).contains(tag).contains("1");
    JsonNode img = inspect(tag + ":1");
    assertThat(img.get("Id").asText()).startsWith("sha256:");
    assertThat(img.get("ImageConfig").get("rootfs").get("diff_ids")).hasSize(1);
    // Kept uncompressed in the store; compressed only when it leaves (see skopeo's view below).
    assertThat(img.get("Manifest").get("layers").get(0).get("mediaType").asText())
        .isEqualTo("application/vnd.oci.image.layer.v1.tar");
  }

  @Test
  void dockerLoadsAndRunsWhatBerthSaves() throws IOException {
    Tools.requireDockerEngine();
    Path archive = tmp.resolve("docker.tar");
    berth.run("save", "-o", archive.toString(), tag + ":1").ok();
    try {
      Berth.Result load = Berth.exec("docker", "load", "-i", archive.toString()).ok();
      assertThat(load.out()).contains(tag + ":1");
      Berth.Result run =
          Berth.exec(
                  "docker", "run", "--rm", "--network", "none", tag + ":1", "/bin/cat", "/etc/motd")
              .ok();
      assertThat(run.out()).isEqualTo("made by berth\n");
      String dockerId =
          Berth.exec("docker", "inspect", "--format", "{{.Id}}", tag + ":1").ok().out().trim();
      assertThat(dockerId).isEqualTo(inspect(tag + ":1").get("Id").asText());
    } finally {
      Berth.exec("docker", "rmi", "-f", tag + ":1");
    }
  }

  @Test
  void berthLoadsWhatDockerSavesWithTheSameDigests() throws IOException {
    Tools.requireDockerEngine();
    Path rootfs = Tools.busyboxRootfs(tmp.resolve("docker-rootfs"));
    Files.writeString(rootfs.resolve("etc/motd"), "made by docker\n");
    Path tar = tmp.resolve("rootfs.tar");
    Berth.exec("tar", "-C", rootfs.toString(), "-cf", tar.toString(), ".").ok();
    String dockerTag = tag + "-docker:1";
    try {
      Berth.exec("docker", "import", tar.toString(), dockerTag).ok();
      Path saved = tmp.resolve("docker-save.tar");
      Berth.exec("docker", "save", "-o", saved.toString(), dockerTag).ok();
      Berth.Result load = berth.run("load", "-i", saved.toString()).ok();
      assertThat(load.out()).contains("Loaded image: " + dockerTag);
      String dockerId =
          Berth.exec("docker", "inspect", "--format", "{{.Id}}", dockerTag).ok().out().trim();
      String diffIds =
          Berth.exec("docker", "inspect", "--format", "{{json .RootFS.Layers}}", dockerTag)
              .ok()
              .out()
              .trim();
      JsonNode img = inspect(dockerTag);
      assertThat(img.get("Id").asText()).isEqualTo(dockerId);
      assertThat(img.get("ImageConfig").get("rootfs").get("diff_ids"))
          .isEqualTo(JSON.readTree(diffIds));
    } finally {
      Berth.exec("docker", "rmi", "-f", dockerTag);
    }
  }

  @Test
  void skopeoReadsBerthsOciArchive() throws IOException {
    Tools.require("skopeo", "skopeo inspect of berth's OCI archive");
    Path archive = tmp.resolve("oci.tar");
    berth.run("save", "--format", "oci", "-o", archive.toString(), tag + ":1").ok();
    Berth.Result r = Berth.exec("skopeo", "inspect", "oci-archive:" + archive + ":1").ok();
    JsonNode info = JSON.readTree(r.out());
    JsonNode img = inspect(tag + ":1");
    assertThat(info.get("Layers")).hasSize(1);
    JsonNode raw =
        JSON.readTree(
            Berth.exec("skopeo", "inspect", "--raw", "oci-archive:" + archive + ":1").ok().out());
    assertThat(raw.at("/layers/0/mediaType").asText())
        .isEqualTo("application/vnd.oci.image.layer.v1.tar+gzip");
    // The gzip form is made once and kept: a second save writes the same manifest.
    Path again = tmp.resolve("oci-again.tar");
    berth.run("save", "--format", "oci", "-o", again.toString(), tag + ":1").ok();
    JsonNode second =
        JSON.readTree(Berth.exec("skopeo", "inspect", "oci-archive:" + again + ":1").ok().out());
    assertThat(second.get("Digest")).isEqualTo(info.get("Digest"));
    Berth.Result config =
        Berth.exec("skopeo", "inspect", "--config", "oci-archive:" + archive + ":1").ok();
    assertThat(JSON.readTree(config.out()).get("rootfs"))
        .isEqualTo(img.get("ImageConfig").get("rootfs"));
  }

  @Test
  void umociUnpacksBerthsOciLayout() throws IOException {
    Tools.require("umoci", "umoci unpack of berth's OCI layout");
    Path archive = tmp.resolve("oci.tar");
    berth.run("save", "--format", "oci", "-o", archive.toString(), tag + ":1").ok();
    Path layout = tmp.resolve("layout");
    Files.createDirectories(layout);
    Berth.exec("tar", "-xf", archive.toString(), "-C", layout.toString()).ok();
    Path bundle = tmp.resolve("bundle");
    Berth.exec(List.of("umoci", "unpack", "--image", layout + ":1", bundle.toString()), Map.of())
        .ok();
    assertThat(bundle.resolve("rootfs/etc/motd")).hasContent("made by berth");
    assertThat(Files.isSymbolicLink(bundle.resolve("rootfs/bin/sh"))).isTrue();
  }

  @Test
  void berthLoadsItsOwnArchivesInBothFormats() throws IOException {
    String id = inspect(tag + ":1").get("Id").asText();
    for (String format : new String[] {"docker", "oci"}) {
      Path archive = tmp.resolve(format + ".tar");
      berth.run("save", "--format", format, "-o", archive.toString(), tag + ":1").ok();
      Berth other = new Berth(tmp.resolve("other-" + format));
      assertThat(other.run("load", "-i", archive.toString()).ok().out()).contains(tag + ":1");
      JsonNode img = JSON.readTree(other.run("inspect", tag + ":1").ok().out()).get(0);
      assertThat(img.get("Id").asText()).isEqualTo(id);
    }
  }

  @Test
  void tagRmiAndPrune() throws IOException {
    berth.run("tag", tag + ":1", "localhost:5000/other/name:2").ok();
    assertThat(berth.run("images").ok().out()).contains("localhost:5000/other/name");
    String rmi = berth.run("rmi", tag + ":1").ok().out();
    assertThat(rmi).contains("Untagged: " + tag + ":1").doesNotContain("Deleted");
    String rmi2 = berth.run("rmi", "localhost:5000/other/name:2").ok().out();
    assertThat(rmi2).contains("Deleted: sha256:");
    assertThat(berth.run("images", "-q").ok().out()).isBlank();
    assertThat(berth.run("system", "prune").ok().out()).contains("Total reclaimed space");
  }

  @Test
  void badInputExitsTwoAndLeavesTheStoreAsItWas() throws IOException {
    String before = berth.run("images", "-q", "--no-trunc").ok().out() + blobs();
    Path junk = tmp.resolve("junk.tar");
    Files.writeString(junk, "not an archive at all");
    Berth.Result load = berth.run("load", "-i", junk.toString());
    assertThat(load.exitCode()).isEqualTo(2);
    assertThat(load.err()).contains("neither a docker-archive nor an OCI archive");
    Berth.Result missing = berth.run("inspect", "no-such-image:1");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("not found");
    Berth.Result badName = berth.run("tag", tag + ":1", "Upper:bad!tag");
    assertThat(badName.exitCode()).isEqualTo(2);
    assertThat(berth.run("images", "-q", "--no-trunc").ok().out() + blobs()).isEqualTo(before);
  }

  @Test
  void importRefusesAHostileTar() throws IOException {
    Path hostile = tmp.resolve("hostile.tar");
    try (var out = Files.newOutputStream(hostile);
        var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(out)) {
      byte[] data = "pwned\n".getBytes(StandardCharsets.UTF_8);
      var e =
          new org.apache.commons.compress.archivers.tar.TarArchiveEntry(
              "../../escaped-by-berth-it.txt", true);
      e.setSize(data.length);
      tar.putArchiveEntry(e);
      tar.write(data);
      tar.closeArchiveEntry();
    }
    Berth.Result r = berth.run("import", hostile.toString(), "hostile:1");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("escaped-by-berth-it.txt");
    assertThat(berth.run("images", "-q").ok().out().lines()).hasSize(1);
    assertThat(tmp.resolve("store").getParent().resolve("escaped-by-berth-it.txt")).doesNotExist();
  }

  @Test
  void importIsReproducibleWithSourceDateEpoch() throws IOException {
    Path rootfs = Tools.busyboxRootfs(tmp.resolve("repro"));
    String first =
        Berth.exec(
                List.of(java(), "-jar", Berth.jar().toString(), "import", rootfs.toString(), "r:1"),
                Map.of(
                    "BERTH_ROOT", tmp.resolve("s1").toString(), "SOURCE_DATE_EPOCH", "1700000000"))
            .ok()
            .out();
    String second =
        Berth.exec(
                List.of(java(), "-jar", Berth.jar().toString(), "import", rootfs.toString(), "r:1"),
                Map.of(
                    "BERTH_ROOT", tmp.resolve("s2").toString(), "SOURCE_DATE_EPOCH", "1700000000"))
            .ok()
            .out();
    assertThat(second).isEqualTo(first);
  }

  /** The blob files in the store, to show that a failed command added or removed none. */
  private String blobs() throws IOException {
    try (var files = Files.list(tmp.resolve("store/blobs/sha256"))) {
      return files.map(p -> p.getFileName().toString()).sorted().toList().toString();
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
