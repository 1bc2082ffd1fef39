package dev.berth.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.diag.BerthException;
import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.image.History;
import dev.berth.image.ImageConfig;
import dev.berth.image.Index;
import dev.berth.image.Manifest;
import dev.berth.image.MediaType;
import dev.berth.image.Platform;
import dev.berth.image.json.ImageJson;
import dev.berth.store.BlobInfo;
import dev.berth.store.Ref;
import dev.berth.store.Store;
import dev.berth.store.snapshot.SnapshotInfo;
import dev.berth.store.snapshot.Snapshotter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feeds random and mutated archives to {@code load} and root file systems to {@code import}: each
 * must succeed or fail with a {@link BerthException} of an input kind (exit 2), and a failure must
 * leave the store's names, blobs and snapshots exactly as they were.
 *
 * <p>Bounded in time ({@code berth.fuzz.millis}, 3 s each by default) and seeded: case {@code n} of
 * seed {@code s} is always the same input, and a failure names both. Rerun one with {@code
 * -Dberth.fuzz.seed=S -Dberth.fuzz.case=N}.
 */
class ArchiveFuzzTest {

  private static final long SEED = Long.getLong("berth.fuzz.seed", 19L);
  private static final long MILLIS = Long.getLong("berth.fuzz.millis", 3000L);
  private static final Long ONLY = Long.getLong("berth.fuzz.case");
  private static final int MAX_CASES = 400;

  @TempDir Path tmp;
  Berth berth;

  @BeforeEach
  void setUp() throws IOException {
    berth =
        Berth.fromEnvironment(Map.of("BERTH_SNAPSHOTTER", "copy"), Optional.of(tmp.resolve("s")));
  }

  // --- seeds: small real archives, each entry kept apart so mutations can be structural ---

  private static final byte[] LAYER1 =
      CraftedImages.tar(Map.of("bin/sh", "busybox", "etc/os-release", "ID=fuzz\n"));
  private static final byte[] LAYER2 = CraftedImages.tar(Map.of("app/main.py", "print(1)\n"));

  private static byte[] config(List<Digest> diffIds) {
    Instant t = Instant.parse("2024-01-02T03:04:05Z");
    ImageConfig c = ImageConfig.scratch(Platform.host()).withCreated(t);
    for (Digest d : diffIds) {
      c = c.withLayer(d, History.layer(t, "fuzz", ""));
    }
    return ImageJson.writeConfig(c);
  }

  /** A docker-archive of two layers (one gzipped, one plain), as ordered entries. */
  static Map<String, byte[]> dockerArchive() {
    byte[] l1 = CraftedImages.gzip(LAYER1);
    byte[] cfg = config(List.of(Digest.sha256(LAYER1), Digest.sha256(LAYER2)));
    String manifest =
        "[{\"Config\":\""
            + Digest.sha256(cfg).hex()
            + ".json\",\"RepoTags\":[\"fuzz/docker:1\"],\"Layers\":[\"a/layer.tar\","
            + "\"b/layer.tar\"]}]";
    Map<String, byte[]> e = new LinkedHashMap<>();
    e.put("manifest.json", manifest.getBytes(StandardCharsets.UTF_8));
    e.put(Digest.sha256(cfg).hex() + ".json", cfg);
    e.put("a/layer.tar", l1);
    e.put("b/layer.tar", LAYER2);
    return e;
  }

  /** An OCI layout whose index.json names a nested index (no platform) of one manifest. */
  static Map<String, byte[]> ociLayout() {
    byte[] l1 = CraftedImages.gzip(LAYER1);
    byte[] cfg = config(List.of(Digest.sha256(LAYER1)));
    Manifest m =
        Manifest.oci(
            ImageJson.descriptor(MediaType.OCI_CONFIG, cfg),
            List.of(new Descriptor(MediaType.OCI_LAYER_GZIP, Digest.sha256(l1), l1.length)));
    byte[] manifest = ImageJson.writeManifest(m);
    byte[] nested =
        ImageJson.writeIndex(
            Index.oci(List.of(ImageJson.descriptor(MediaType.OCI_MANIFEST, manifest))));
    String index =
        "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\""
            + MediaType.OCI_INDEX
            + "\",\"digest\":\""
            + Digest.sha256(nested)
            + "\",\"size\":"
            + nested.length
            + ",\"annotations\":{\"io.containerd.image.name\":\"fuzz/oci:1\"}}]}";
    Map<String, byte[]> e = new LinkedHashMap<>();
    e.put("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
    e.put("index.json", index.getBytes(StandardCharsets.UTF_8));
    e.put("blobs/sha256/" + Digest.sha256(nested).hex(), nested);
    e.put("blobs/sha256/" + Digest.sha256(manifest).hex(), manifest);
    e.put("blobs/sha256/" + Digest.sha256(cfg).hex(), cfg);
    e.put("blobs/sha256/" + Digest.sha256(l1).hex(), l1);
    return e;
  }

  // --- the store's state, compared around each failure ---

  record State(List<Ref> refs, List<Digest> blobs, List<String> snapshots) {}

  private State state() throws IOException {
    try (Store store = berth.openStore()) {
      List<String> snaps = new ArrayList<>();
      for (Snapshotter s : berth.snapshots().all(store)) {
        for (SnapshotInfo i : s.list()) {
          snaps.add(i.name());
        }
      }
      snaps.sort(null);
      return new State(
          store.refs().list(),
          store.content().list().stream().map(BlobInfo::digest).toList(),
          snaps);
    }
  }

  // --- mutations ---

  /** One fuzz input as archive bytes, made from seed {@code caseSeed}. */
  static byte[] mutant(Map<String, byte[]> seedEntries, long caseSeed) throws IOException {
    Random r = new Random(caseSeed);
    Map<String, byte[]> entries = new LinkedHashMap<>(seedEntries);
    List<String> names = new ArrayList<>(entries.keySet());
    String victim = names.get(r.nextInt(names.size()));
    int kind = r.nextInt(12);
    switch (kind) {
      case 0 -> { // flip bytes in one entry
        byte[] b = entries.get(victim).clone();
        for (int i = 0, n = 1 + r.nextInt(8); i < n && b.length > 0; i++) {
          b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255));
        }
        entries.put(victim, b);
      }
      case 1 -> { // truncate one entry
        byte[] b = entries.get(victim);
        entries.put(victim, Arrays.copyOf(b, b.length == 0 ? 0 : r.nextInt(b.length)));
      }
      case 2 -> entries.remove(victim);
      case 3 -> { // bad JSON in one of the JSON files
        String json = jsonEntry(entries, r);
        entries.put(json, badJson(r, entries.get(json)));
      }
      case 4 -> { // a nested, deep or hostile path
        String[] paths = {
          "a/".repeat(200) + "x",
          "../escape",
          "/abs/path",
          "./" + victim,
          victim + "/child",
          "blobs/sha256/../../../etc",
          "x".repeat(300),
          "dir/\u00e9\u4e2d",
          "blobs/sha256/"
        };
        entries.put(paths[r.nextInt(paths.length)], entries.get(victim));
      }
      case 5 -> entries.put(victim, randomBytes(r, r.nextInt(2048)));
      default -> {
        // mutated at the byte level below
      }
    }
    byte[] tar = tar(entries, r, kind == 6 ? victim : null, kind == 7);
    switch (kind) {
      case 8 -> { // flip bytes anywhere, headers included
        for (int i = 0, n = 1 + r.nextInt(16); i < n; i++) {
          tar[r.nextInt(tar.length)] ^= (byte) (1 + r.nextInt(255));
        }
      }
      case 9 -> tar = Arrays.copyOf(tar, r.nextInt(tar.length));
      case 10 -> tar = randomBytes(r, r.nextInt(4096));
      case 11 -> tar = r.nextBoolean() ? CraftedImages.gzip(tar) : gzipTruncated(tar, r);
      default -> {}
    }
    return tar;
  }

  private static String jsonEntry(Map<String, byte[]> entries, Random r) {
    List<String> json = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
      if (e.getValue().length > 0 && (e.getValue()[0] == '{' || e.getValue()[0] == '[')) {
        json.add(e.getKey());
      }
    }
    return json.isEmpty() ? entries.keySet().iterator().next() : json.get(r.nextInt(json.size()));
  }

  private static byte[] badJson(Random r, byte[] original) {
    String s = new String(original, StandardCharsets.UTF_8);
    String[] replacements = {
      "",
      "{",
      "[]",
      "null",
      "{}",
      "[null]",
      "[{}]",
      "\"str\"",
      "42",
      "{\"schemaVersion\":2}",
      "{\"schemaVersion\":2,\"manifests\":[]}",
      "{\"schemaVersion\":3,\"manifests\":[{}]}",
      "[{\"Config\":5,\"Layers\":\"x\"}]",
      "[{\"Config\":\"../../etc/passwd\",\"Layers\":[]}]",
      "[{\"Config\":\"\\u0000\",\"Layers\":[\"\\u0000\"]}]",
      "{\"imageLayoutVersion\":\"2.0.0\"}",
      "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}",
    };
    if (r.nextBoolean()) {
      return replacements[r.nextInt(replacements.length)].getBytes(StandardCharsets.UTF_8);
    }
    // Change one value in place: a digest, a size, a media type, a number.
    String[][] swaps = {
      {"sha256:", "sha512:"},
      {"sha256:", "sha256:00"},
      {"\"size\":", "\"size\":-"},
      {"\"size\":", "\"size\":99999999999"},
      {"\"mediaType\":\"", "\"mediaType\":\"x"},
      {"\"schemaVersion\":2", "\"schemaVersion\":\"2\""},
      {"diff_ids", "diff_idz"},
      {"\"Layers\":[", "\"Layers\":[\"missing.tar\","},
      {"RepoTags\":[\"", "RepoTags\":[\"UPPER:"},
      {
        "\"manifests\":[",
        "\"manifests\":[{\"mediaType\":\"x\",\"digest\":\"sha256:zz\",\"size\":1},"
      },
      {"os\":\"linux", "os\":\"windows"},
      {"amd64", "s390x"},
    };
    String[] swap = swaps[r.nextInt(swaps.length)];
    return s.replaceFirst(java.util.regex.Pattern.quote(swap[0]), swap[1])
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] randomBytes(Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  private static byte[] gzipTruncated(byte[] tar, Random r) {
    byte[] gz = CraftedImages.gzip(tar);
    return Arrays.copyOf(gz, Math.max(1, r.nextInt(gz.length)));
  }

  /**
   * The entries as a tar; {@code paxVictim}'s header gets a hostile PAX record (a NUL in its path,
   * a huge or malformed length), and {@code hostileTypes} adds symlink and hard-link entries.
   */
  static byte[] tar(Map<String, byte[]> entries, Random r, String paxVictim, boolean hostileTypes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
      if (e.getKey().equals(paxVictim)) {
        String[] records = {
          "path=" + e.getKey() + "\u0000evil",
          "path=" + "p/".repeat(3000),
          "size=99999999999999",
          "size=-1",
          "linkpath=\u0000",
          "path=",
          "mtime=x",
        };
        String rec = records[r.nextInt(records.length)];
        byte[] body;
        int form = r.nextInt(3);
        if (form == 0) {
          body = paxRecord(rec);
        } else if (form == 1) {
          body = ("99999999999 " + rec + "\n").getBytes(StandardCharsets.UTF_8);
        } else {
          body = ("12 " + rec + "\n").getBytes(StandardCharsets.UTF_8);
        }
        block(out, header("PaxHeaders/x", body.length, 'x', ""));
        data(out, body);
      }
      block(out, header(e.getKey(), e.getValue().length, '0', ""));
      data(out, e.getValue());
    }
    if (hostileTypes) {
      String name = entries.keySet().iterator().next();
      block(out, header(name, 0, '2', "/etc/passwd"));
      block(out, header("blobs/sha256/link", 0, '1', "../../../etc/shadow"));
      block(out, header("dir", 0, '5', ""));
      block(out, header("dev", 0, '3', ""));
    }
    out.writeBytes(new byte[1024]);
    return out.toByteArray();
  }

  private static byte[] paxRecord(String kv) {
    byte[] body = (" " + kv + "\n").getBytes(StandardCharsets.UTF_8);
    int len = body.length;
    while (true) {
      int total = Integer.toString(len).length() + body.length;
      if (total == len) {
        break;
      }
      len = total;
    }
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(Integer.toString(len).getBytes(StandardCharsets.UTF_8));
    b.writeBytes(body);
    return b.toByteArray();
  }

  /** A ustar header; a name longer than 100 bytes is cut (the PAX record carries the rest). */
  private static byte[] header(String name, long size, char type, String link) {
    byte[] h = new byte[512];
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(n, 0, h, 0, Math.min(100, n.length));
    octal(h, 100, 8, 0644);
    octal(h, 108, 8, 0);
    octal(h, 116, 8, 0);
    octal(h, 124, 12, size);
    octal(h, 136, 12, 1700000000L);
    h[156] = (byte) type;
    byte[] l = link.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(l, 0, h, 157, Math.min(100, l.length));
    System.arraycopy("ustar\u000000".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 8);
    Arrays.fill(h, 148, 156, (byte) ' ');
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    byte[] c = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(c, 0, h, 148, 8);
    return h;
  }

  private static void octal(byte[] h, int off, int len, long v) {
    byte[] s =
        String.format("%0" + (len - 1) + "o", v & ((1L << (3 * (len - 1))) - 1))
            .getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(s, 0, h, off, len - 1);
  }

  private static void block(ByteArrayOutputStream out, byte[] h) {
    out.writeBytes(h);
  }

  private static void data(ByteArrayOutputStream out, byte[] d) {
    out.writeBytes(d);
    int pad = (512 - d.length % 512) % 512;
    out.writeBytes(new byte[pad]);
  }

  // --- the runs ---

  @FunctionalInterface
  interface Feed {
    void accept(Path input) throws Exception;
  }

  private void fuzz(String what, Map<String, byte[]> seed, Feed feed) throws Exception {
    // The unmutated seed must load: otherwise every case would fail for one reason.
    Path first = tmp.resolve(what + "-seed.tar");
    Files.write(first, tar(seed, new Random(0), null, false));
    feed.accept(first);
    long deadline = System.currentTimeMillis() + MILLIS;
    int failures = 0;
    int cases = 0;
    for (long n = ONLY != null ? ONLY : 0;
        ONLY != null ? n == ONLY : n < MAX_CASES && System.currentTimeMillis() < deadline;
        n++) {
      long caseSeed = SEED * 1_000_003L + n;
      byte[] input = mutant(seed, caseSeed);
      Path file = tmp.resolve(what + ".tar");
      Files.write(file, input);
      State before = state();
      String label = what + " seed=" + SEED + " case=" + n;
      try {
        feed.accept(file);
      } catch (BerthException e) {
        failures++;
        assertThat(e.kind().isInputError())
            .as("%s: %s is an input error (exit 2)", label, e.getMessage())
            .isTrue();
        assertThat(e.getMessage()).as(label).isNotBlank().doesNotContain("Exception");
        assertThat(state())
            .as("%s: the store after a failed load (%s)", label, e)
            .isEqualTo(before);
      } catch (Throwable t) {
        throw new AssertionError(label + ": " + t + " is not a BerthException", t);
      }
      cases++;
    }
    assertThat(cases).isPositive();
    assertThat(failures).as("mutations that were refused").isPositive();
    System.out.printf("%s: %d cases, %d refused (seed %d)%n", what, cases, failures, SEED);
  }

  @Test
  void mutatedDockerArchivesLoadOrFailCleanly() throws Exception {
    fuzz("docker", dockerArchive(), in -> berth.images().load(in));
  }

  @Test
  void mutatedOciLayoutsLoadOrFailCleanly() throws Exception {
    fuzz("oci", ociLayout(), in -> berth.images().load(in));
  }

  @Test
  void mutatedRootfsTarsImportOrFailCleanly() throws Exception {
    Map<String, byte[]> rootfs = new LinkedHashMap<>();
    rootfs.put("bin/sh", "busybox".getBytes(StandardCharsets.UTF_8));
    rootfs.put("etc/passwd", "root:x:0:0::/root:/bin/sh\n".getBytes(StandardCharsets.UTF_8));
    rootfs.put("usr/lib/os-release", "{\"ID\":\"fuzz\"}".getBytes(StandardCharsets.UTF_8));
    fuzz(
        "import",
        rootfs,
        in ->
            berth
                .images()
                .importRootfs(in, "fuzz/import:1", Instant.parse("2024-01-01T00:00:00Z")));
  }
}
