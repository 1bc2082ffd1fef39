package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Layers kept uncompressed in the store and compressed on their way out: {@code push}, {@code save}
 * and {@code build --output} with {@code --compression gzip|zstd|uncompressed}, read back by skopeo
 * and by a second berth store.
 */
class LayerCompressionIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";
  private static final String GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
  private static final String PLAIN = "application/vnd.oci.image.layer.v1.tar";

  @TempDir Path tmp;
  Berth berth;
  Path rootfs;

  @BeforeEach
  void setUp() throws IOException {
    Tools.require("skopeo", "reading what berth pushes and saves");
    berth = new Berth(tmp.resolve("store"));
    rootfs = Tools.busyboxRootfs(tmp.resolve("rootfs"));
    Files.writeString(rootfs.resolve("etc/motd"), "compressed on the way out\n");
  }

  private JsonNode skopeo(String... args) throws IOException {
    String[] cmd = new String[args.length + 2];
    cmd[0] = "skopeo";
    cmd[1] = "inspect";
    System.arraycopy(args, 0, cmd, 2, args.length);
    return JSON.readTree(Berth.exec(cmd).ok().out());
  }

  /** The manifest as skopeo reads it (this skopeo's inspect has no LayersData yet). */
  private JsonNode raw(String... args) throws IOException {
    String[] all = new String[args.length + 1];
    all[0] = "--raw";
    System.arraycopy(args, 0, all, 1, args.length);
    return skopeo(all);
  }

  private Path blob(String digest) {
    return tmp.resolve("store/blobs/sha256").resolve(digest.substring("sha256:".length()));
  }

  @Test
  void pushCompressesOnceAndZstdRoundTripsThroughTheRegistry() throws Exception {
    try (LocalRegistry reg = LocalRegistry.start(tmp.resolve("reg"), "")) {
      String image = reg.host() + "/forms/busybox:1";
      berth.run("import", rootfs.toString(), image).ok();

      Berth.Result first = berth.run("push", image).ok();
      assertThat(first.err()).contains(": Compressing");
      String gz = RegistryIT.pushedDigest(first);
      JsonNode pushed = skopeo("--tls-verify=false", "docker://" + image);
      assertThat(pushed.get("Digest").asText()).isEqualTo(gz);
      assertThat(raw("--tls-verify=false", "docker://" + image).at("/layers/0/mediaType").asText())
          .isEqualTo(GZIP);

      // The gzip blob is kept: pushing again (to a new repository, so every blob is uploaded)
      // compresses nothing, the blob's time stays where this test put it.
      Path kept = blob(pushed.at("/Layers/0").asText());
      FileTime old = FileTime.fromMillis(Files.getLastModifiedTime(kept).toMillis() - 60_000);
      Files.setLastModifiedTime(kept, old);
      String copy = reg.host() + "/forms/again:1";
      berth.run("tag", image, copy).ok();
      Berth.Result again = berth.run("push", copy).ok();
      assertThat(again.err()).doesNotContain("Compressing");
      assertThat(RegistryIT.pushedDigest(again)).isEqualTo(gz);
      assertThat(Files.getLastModifiedTime(kept)).isEqualTo(old);

      String zimage = reg.host() + "/forms/zstd:1";
      berth.run("tag", image, zimage).ok();
      String zd =
          RegistryIT.pushedDigest(
              berth.run("push", "--compression", "zstd", "--compression-level", "9", zimage).ok());
      JsonNode z = skopeo("--tls-verify=false", "docker://" + zimage);
      assertThat(z.get("Digest").asText()).isEqualTo(zd).isNotEqualTo(gz);
      assertThat(raw("--tls-verify=false", "docker://" + zimage).at("/layers/0/mediaType").asText())
          .isEqualTo(ZSTD);

      Berth other = new Berth(tmp.resolve("other"));
      other.run("pull", zimage).ok();
      assertThat(other.run("run", "--rm", zimage, "cat", "/etc/motd").ok().out())
          .isEqualTo("compressed on the way out\n");
      // Same image either way: the ID hangs on the diff IDs, not on the compression.
      assertThat(other.run("inspect", "--format", "{{.Id}}", zimage).ok().out())
          .isEqualTo(berth.run("inspect", "--format", "{{.Id}}", image).ok().out());
    }
  }

  @Test
  void saveAndBuildOutputWriteTheFormAskedFor() throws Exception {
    berth.run("import", rootfs.toString(), "forms/base:1").ok();
    Path plain = tmp.resolve("plain.tar");
    berth
        .run(
            "save",
            "--format",
            "oci",
            "--compression",
            "uncompressed",
            "-o",
            plain.toString(),
            "forms/base:1")
        .ok();
    assertThat(raw("oci-archive:" + plain + ":1").at("/layers/0/mediaType").asText())
        .isEqualTo(PLAIN);

    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    Files.writeString(ctx.resolve("Dockerfile"), "FROM forms/base:1\nCOPY a.txt /a.txt\n");
    Files.writeString(ctx.resolve("a.txt"), "a\n");
    Path out = tmp.resolve("zstd.tar");
    berth
        .run(
            "build",
            "-q",
            "-t",
            "forms/app:1",
            "--output",
            "type=oci,dest=" + out + ",compression=zstd,force-compression=true",
            ctx.toString())
        .ok();
    JsonNode z = raw("oci-archive:" + out + ":1");
    assertThat(z.get("layers")).hasSize(2);
    assertThat(z.at("/layers/0/mediaType").asText()).isEqualTo(ZSTD);
    assertThat(z.at("/layers/1/mediaType").asText()).isEqualTo(ZSTD);

    Berth other = new Berth(tmp.resolve("other"));
    other.run("load", "-i", out.toString()).ok();
    assertThat(other.run("run", "--rm", "forms/app:1", "cat", "/a.txt", "/etc/motd").ok().out())
        .isEqualTo("a\ncompressed on the way out\n");
  }

  @Test
  void badCompressionFlagsExitTwoWithTheFlagNamed() throws IOException {
    berth.run("import", rootfs.toString(), "forms/bad:1").ok();
    Berth.Result r =
        berth.run(
            "save",
            "--compression",
            "brotli",
            "-o",
            tmp.resolve("x.tar").toString(),
            "forms/bad:1");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("unknown compression 'brotli'");
    assertThat(tmp.resolve("x.tar")).doesNotExist();

    Berth.Result level =
        berth.run(
            "save",
            "--compression",
            "gzip",
            "--compression-level",
            "12",
            "-o",
            tmp.resolve("y.tar").toString(),
            "forms/bad:1");
    assertThat(level.exitCode()).isEqualTo(2);
    assertThat(level.err()).contains("gzip level 12 is out of range (0 to 9)");
  }
}
