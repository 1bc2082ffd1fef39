package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth load} through the real jar: a docker-archive whose second layer is corrupt changes
 * nothing, an OCI layout whose index.json names a nested index loads, and a ref broken by hand is
 * listed past, named by {@code system check} and mended by {@code system check --repair}.
 */
class LoadAtomicityIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  Berth berth;
  Path store;

  @BeforeEach
  void setUp() throws IOException {
    store = tmp.resolve("store");
    berth = BusyboxBase.store(store);
  }

  private long blobCount() throws IOException {
    try (Stream<Path> s = Files.list(store.resolve("blobs/sha256"))) {
      return s.count();
    }
  }

  private static Map<String, byte[]> untar(Path file) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (InputStream in = Files.newInputStream(file);
        TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        if (e.isFile()) {
          out.put(e.getName(), tar.readAllBytes());
        }
      }
    }
    return out;
  }

  private static Path tar(Path file, Map<String, byte[]> entries) throws IOException {
    try (OutputStream out = Files.newOutputStream(file);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
        entry.setSize(e.getValue().length);
        tar.putArchiveEntry(entry);
        tar.write(e.getValue());
        tar.closeArchiveEntry();
      }
    }
    return file;
  }

  private static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * busybox-it:1 saved as a docker-archive, with a second layer added on top and named {@code
   * name}; with {@code corrupt}, one byte of the second layer differs from what its diff ID says.
   */
  private Path twoLayers(String name, boolean corrupt) throws IOException {
    Path saved = tmp.resolve("base.tar");
    berth.run("save", "-o", saved.toString(), BusyboxBase.IMAGE).ok();
    Map<String, byte[]> entries = untar(saved);
    ArrayNode manifest = (ArrayNode) JSON.readTree(entries.get("manifest.json"));
    ObjectNode image = (ObjectNode) manifest.get(0);
    String configName = image.get("Config").asText();
    ObjectNode config = (ObjectNode) JSON.readTree(entries.remove(configName));

    ByteArrayOutputStream layer = new ByteArrayOutputStream();
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(layer)) {
      byte[] hello = "hello from layer two\n".repeat(20).getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry e = new TarArchiveEntry("etc/layer-two");
      e.setSize(hello.length);
      t.putArchiveEntry(e);
      t.write(hello);
      t.closeArchiveEntry();
    }
    byte[] layerBytes = layer.toByteArray();
    ((ArrayNode) config.with("rootfs").get("diff_ids")).add("sha256:" + sha256(layerBytes));
    ((ArrayNode) config.withArray("history")).addObject().put("created_by", "layer two");
    if (corrupt) {
      layerBytes = layerBytes.clone();
      layerBytes[520] ^= 0x20; // a byte of the file's content
    }
    byte[] configBytes = JSON.writeValueAsBytes(config);
    String newConfig = sha256(configBytes) + ".json";
    entries.put(newConfig, configBytes);
    entries.put("two/layer.tar", layerBytes);
    image.put("Config", newConfig);
    ((ArrayNode) image.get("Layers")).add("two/layer.tar");
    image.putArray("RepoTags").add(name);
    entries.put("manifest.json", JSON.writeValueAsBytes(manifest));
    return tar(tmp.resolve(name.replace(':', '-') + ".tar"), entries);
  }

  /** busybox-it:1 as an OCI layout whose index.json names a nested index without platforms. */
  private Path nestedIndex(String name) throws IOException {
    Path saved = tmp.resolve("base-oci.tar");
    berth.run("save", "--format", "oci", "-o", saved.toString(), BusyboxBase.IMAGE).ok();
    Map<String, byte[]> entries = untar(saved);
    ObjectNode index = (ObjectNode) JSON.readTree(entries.get("index.json"));
    ObjectNode top = (ObjectNode) index.get("manifests").get(0);
    ObjectNode inner = JSON.createObjectNode();
    inner.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
    inner.put("digest", top.get("digest").asText());
    inner.put("size", top.get("size").asLong());
    ObjectNode nested = JSON.createObjectNode();
    nested.put("schemaVersion", 2);
    nested.put("mediaType", "application/vnd.oci.image.index.v1+json");
    nested.putArray("manifests").add(inner);
    byte[] nestedBytes = JSON.writeValueAsBytes(nested);
    entries.put("blobs/sha256/" + sha256(nestedBytes), nestedBytes);
    ObjectNode outer = JSON.createObjectNode();
    outer.put("mediaType", "application/vnd.oci.image.index.v1+json");
    outer.put("digest", "sha256:" + sha256(nestedBytes));
    outer.put("size", nestedBytes.length);
    outer.putObject("annotations").put("io.containerd.image.name", name);
    index.putArray("manifests").add(outer);
    entries.put("index.json", JSON.writeValueAsBytes(index));
    return tar(tmp.resolve("nested.tar"), entries);
  }

  @Test
  void aCorruptSecondLayerExitsTwoAndChangesNothing() throws IOException {
    String[] listing = {"images", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}"};
    // Made first: saving the base keeps the gzip form of its layer in the store.
    Path corrupt = twoLayers("two:1", true);
    String imagesBefore = berth.run(listing).ok().out();
    long blobsBefore = blobCount();
    Berth.Result r = berth.run("load", "-i", corrupt.toString());
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("layer 2 of 2").doesNotContain("Exception");
    assertThat(berth.run(listing).ok().out()).isEqualTo(imagesBefore);
    assertThat(blobCount()).isEqualTo(blobsBefore);

    // The same archive with its layer intact loads.
    berth.run("load", "-i", twoLayers("two:1", false).toString()).ok();
    assertThat(berth.run("images").ok().out()).contains("two");
  }

  @Test
  void aNestedIndexLoadsAndABrokenRefIsListedPastCheckedAndRepaired() throws IOException {
    Berth.Result load = berth.run("load", "-i", nestedIndex("nested:1").toString()).ok();
    assertThat(load.out()).contains("Loaded image: nested:1");
    assertThat(berth.run("inspect", "nested:1").ok().out()).contains("Imported from rootfs");
    berth.run("load", "-i", twoLayers("two:1", false).toString()).ok();
    assertThat(berth.run("system", "check").ok().out()).contains("no problems");

    // Break two:1 by hand: its config goes.
    JsonNode inspect = JSON.readTree(berth.run("inspect", "two:1").ok().out());
    String id = inspect.get(0).get("Id").asText();
    Files.delete(store.resolve("blobs/sha256").resolve(id.substring("sha256:".length())));

    Berth.Result images = berth.run("images");
    assertThat(images.exitCode()).as(images.err()).isZero();
    assertThat(images.out()).contains("nested").contains("busybox-it").doesNotContain("two");
    assertThat(images.err().lines().toList())
        .singleElement()
        .satisfies(l -> assertThat(l).contains("two:1").contains("broken"));

    Berth.Result check = berth.run("system", "check");
    assertThat(check.exitCode()).as(check.err()).isEqualTo(1);
    assertThat(check.out()).contains("ref two:1:").contains(id);

    Berth.Result repair = berth.run("system", "check", "--repair");
    assertThat(repair.exitCode()).as(repair.err() + repair.out()).isZero();
    assertThat(repair.out()).contains("removed broken ref two:1");

    Berth.Result again = berth.run("system", "check", "--format", "json").ok();
    assertThat(JSON.readTree(again.out()).get("Problems")).isEmpty();
    Berth.Result after = berth.run("images").ok();
    assertThat(after.err()).isEmpty();
    assertThat(after.out()).contains("nested").contains("busybox-it");
  }
}
