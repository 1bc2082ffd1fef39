package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.it.FaultProxy.Fault;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * berth pull through a loopback proxy that injects 500s, 429s, cut connections and corrupted blobs
 * in front of a real registry: the pull either completes with verified content or fails cleanly,
 * and the store never holds a blob whose content does not match its name.
 */
class RegistryFaultIT {

  @TempDir Path tmp;
  Path rootfs;

  @BeforeEach
  void setUp() throws IOException {
    rootfs = Tools.busyboxRootfs(tmp.resolve("rootfs"));
    Files.writeString(rootfs.resolve("etc/motd"), "through the proxy\n");
    // Incompressible, so the layer blob is big enough to be cut in the middle.
    byte[] noise = new byte[2 << 20];
    new Random(6).nextBytes(noise);
    Files.write(rootfs.resolve("noise.bin"), noise);
  }

  /** Pushes the test image straight to the registry from a store of its own. */
  private void publish(LocalRegistry reg, String repoAndTag) throws IOException {
    Berth publisher = new Berth(tmp.resolve("publisher"));
    publisher.run("import", rootfs.toString(), reg.host() + "/" + repoAndTag).ok();
    publisher.run("push", "-q", reg.host() + "/" + repoAndTag).ok();
  }

  @Test
  void pullRidesOutServerErrorsRateLimitsAndACutConnection() throws Exception {
    try (LocalRegistry reg = LocalRegistry.start(tmp.resolve("reg"), "")) {
      publish(reg, "faults/busybox:1");
      try (FaultProxy proxy =
          FaultProxy.withFaults(
              reg.host(),
              List.of(Fault.SERVER_ERROR, Fault.TOO_MANY_REQUESTS, Fault.CUT_MID_BODY))) {
        String image = proxy.host() + "/faults/busybox:1";
        Berth puller = new Berth(tmp.resolve("puller"));
        Berth.Result pull = puller.run("pull", image).ok();
        assertThat(pull.err()).contains("Pull complete");
        assertThat(proxy.injected())
            .hasSize(3)
            .anySatisfy(f -> assertThat(f).startsWith("SERVER_ERROR "))
            .anySatisfy(f -> assertThat(f).startsWith("TOO_MANY_REQUESTS "))
            .anySatisfy(f -> assertThat(f).startsWith("CUT_MID_BODY "));

        List<Path> blobs = storedBlobs(tmp.resolve("puller"));
        assertThat(blobs).hasSizeGreaterThanOrEqualTo(3); // manifest, config, layer
        assertEveryBlobMatchesItsName(blobs);
        assertThat(puller.run("run", "--rm", image, "cat", "/etc/motd").ok().out())
            .isEqualTo("through the proxy\n");
      }
    }
  }

  @Test
  void aBlobCorruptedOnEveryAttemptFailsThePullAndIsNeverStored() throws Exception {
    try (LocalRegistry reg = LocalRegistry.start(tmp.resolve("reg"), "")) {
      publish(reg, "faults/busybox:1");
      try (FaultProxy proxy = FaultProxy.corrupting(reg.host())) {
        String image = proxy.host() + "/faults/busybox:1";
        Berth puller = new Berth(tmp.resolve("puller"));
        Berth.Result pull = puller.run("pull", image);
        assertThat(pull.exitCode()).as(pull.err()).isIn(1, 2);
        assertThat(pull.err())
            .containsPattern("sha256:[0-9a-f]{64}")
            .contains("does not match")
            .contains(proxy.host() + "/faults/busybox")
            .doesNotContain("\tat ");
        List<String> corrupted =
            proxy.injected().stream()
                .map(f -> f.substring(f.lastIndexOf('/') + 1))
                .distinct()
                .toList();
        assertThat(corrupted).isNotEmpty();
        assertThat(pull.err()).containsAnyOf(corrupted.toArray(String[]::new));

        List<Path> blobs = storedBlobs(tmp.resolve("puller"));
        assertEveryBlobMatchesItsName(blobs);
        for (String digest : corrupted) {
          assertThat(tmp.resolve("puller/blobs/sha256/" + digest.substring("sha256:".length())))
              .doesNotExist();
        }
        assertThat(puller.run("images", "-q").ok().out()).isBlank();
      }
    }
  }

  @Test
  void oneCorruptLayerOfFourFailsTheParallelPullAndLeavesNoPartOfItBehind() throws Exception {
    try (LocalRegistry reg = LocalRegistry.start(tmp.resolve("reg"), "")) {
      // Four layers: the busybox base and three COPYs of incompressible data, fetched three at a
      // time; the proxy corrupts the third layer on every attempt.
      Berth publisher = new Berth(tmp.resolve("publisher"));
      publisher.run("import", rootfs.toString(), "faults/base:1").ok();
      Path ctx = Files.createDirectories(tmp.resolve("ctx"));
      StringBuilder dockerfile = new StringBuilder("FROM faults/base:1\n");
      for (int i = 1; i <= 3; i++) {
        byte[] noise = new byte[1 << 20];
        new Random(i).nextBytes(noise);
        Files.write(ctx.resolve("part" + i + ".bin"), noise);
        dockerfile.append("COPY part").append(i).append(".bin /part").append(i).append(".bin\n");
      }
      Files.writeString(ctx.resolve("Dockerfile"), dockerfile.toString());
      String image = reg.host() + "/faults/layers:4";
      publisher.run("build", "-q", "-t", image, ctx.toString()).ok();
      publisher.run("push", "-q", image).ok();
      // The layers as pushed (compressed on the way out), not as the publisher's store keeps them.
      Tools.require("skopeo", "reading the pushed manifest's layers");
      List<String> layers = new ArrayList<>();
      new ObjectMapper()
          .readTree(
              Berth.exec("skopeo", "inspect", "--tls-verify=false", "docker://" + image).ok().out())
          .path("Layers")
          .forEach(l -> layers.add(l.asText()));
      assertThat(layers).hasSize(4);
      String bad = layers.get(2);

      try (FaultProxy proxy = FaultProxy.corruptingOnly(reg.host(), bad)) {
        String through = proxy.host() + "/faults/layers:4";
        Path store = tmp.resolve("puller");
        Berth puller = new Berth(store);
        Berth.Result pull = puller.run("pull", through);
        assertThat(pull.exitCode()).as(pull.err()).isEqualTo(1);
        assertThat(pull.err()).contains(bad).contains("does not match").doesNotContain("\tat ");
        assertThat(proxy.injected()).allSatisfy(f -> assertThat(f).endsWith("/" + bad));

        assertThat(store.resolve("blobs/sha256/" + bad.substring("sha256:".length())))
            .doesNotExist();
        assertEveryBlobMatchesItsName(storedBlobs(store));
        assertThat(puller.run("images", "-q").ok().out()).isBlank();
        // No half-written blob anywhere in the store: cancelled transfers closed their writers.
        try (Stream<Path> files = Files.walk(store)) {
          assertThat(files.map(p -> p.getFileName().toString()))
              .noneMatch(n -> n.startsWith("ingest"));
        }
      }
    }
  }

  private static List<Path> storedBlobs(Path root) throws IOException {
    Path dir = root.resolve("blobs/sha256");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  /** Re-hashes each stored blob: its file name must be the SHA-256 of its content. */
  private static void assertEveryBlobMatchesItsName(List<Path> blobs) throws IOException {
    for (Path blob : blobs) {
      assertThat(sha256(blob)).as("content of %s", blob).isEqualTo(blob.getFileName().toString());
    }
  }

  private static String sha256(Path file) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
