package dev.berth.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrashSafetyTest {

  @TempDir Path root;

  static Process child(Path root, String... args) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                IngestLoop.class.getName(),
                root.toString()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  @Test
  void killedWriter_leavesAConsistentStore_andReopenClearsItsLeftovers() throws Exception {
    for (int round = 0; round < 3; round++) {
      Process p = child(root, "loop");
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      // Let it commit a few blobs, then kill it in the middle of whatever it does next.
      for (int i = 0; i < 3 + round; i++) {
        assertThat(out.readLine()).as("child output").startsWith("committed");
      }
      Thread.sleep(15L * round);
      p.destroyForcibly();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    try (var tmp = Files.list(root.resolve("tmp"))) {
      assertThat(tmp.count()).as("dead sessions before reopening").isPositive();
    }

    try (Store store = Store.open(root)) {
      assertThat(store.content().list()).isNotEmpty();
      for (BlobInfo blob : store.content().list()) {
        store.content().verify(blob.digest());
      }
      for (Ref ref : store.refs().list()) {
        assertThat(store.content().exists(ref.descriptor().digest())).isTrue();
      }
      for (var key : store.cache().keys()) {
        assertThat(store.cache().get(key)).isPresent();
      }
      try (var tmp = Files.walk(root.resolve("tmp"))) {
        assertThat(tmp.filter(Files::isRegularFile).map(Path::getFileName).map(Path::toString))
            .as("only this session's owner file remains")
            .containsExactly(".owner");
      }
    }
  }

  @Test
  void twoProcessesWritingTheSameBlobs_bothSucceed() throws Exception {
    Process a = child(root, "same", "12");
    Process b = child(root, "same", "12");
    assertThat(a.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(b.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(a.exitValue()).isZero();
    assertThat(b.exitValue()).isZero();
    try (Store store = Store.open(root)) {
      assertThat(store.content().list()).hasSize(12);
      for (BlobInfo blob : store.content().list()) {
        store.content().verify(blob.digest());
      }
      assertThat(store.refs().list()).hasSize(12);
    }
  }
}
