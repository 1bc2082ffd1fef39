package dev.berth.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.image.MediaType;
import dev.berth.image.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RefStoreTest {

  @TempDir Path root;
  Store store;
  RefStore refs;

  @BeforeEach
  void open() throws IOException {
    store = Store.open(root);
    refs = store.refs();
  }

  @AfterEach
  void close() throws IOException {
    store.close();
  }

  static Descriptor manifest(String hex) {
    return new Descriptor(MediaType.OCI_MANIFEST, new Digest("sha256", hex), 123);
  }

  @Test
  void putGetList_roundTripThroughTheIndexFile() throws IOException {
    Descriptor d =
        manifest("a".repeat(64))
            .withAnnotations(Map.of("org.opencontainers.image.ref.name", "latest"))
            .withPlatform(new Platform("arm64", "linux", "v8", "", List.of()));
    refs.put("docker.io/library/busybox:latest", d);
    refs.put("localhost:5000/a/b:1", manifest("b".repeat(64)));
    assertThat(root.resolve("refs/index.json")).exists();
    try (Store reopened = Store.open(root)) {
      assertThat(reopened.refs().get("docker.io/library/busybox:latest")).contains(d);
      assertThat(reopened.refs().list())
          .extracting(Ref::name)
          .containsExactly("docker.io/library/busybox:latest", "localhost:5000/a/b:1");
    }
  }

  @Test
  void put_replaces_deleteRemoves_missingDeleteIsNotFound() throws IOException {
    refs.put("x:1", manifest("a".repeat(64)));
    refs.put("x:1", manifest("b".repeat(64)));
    assertThat(refs.get("x:1").orElseThrow().digest().hex()).isEqualTo("b".repeat(64));
    refs.delete("x:1");
    assertThat(refs.get("x:1")).isEmpty();
    assertThatThrownBy(() -> refs.delete("x:1"))
        .isInstanceOfSatisfying(
            BerthException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND))
        .hasMessage("ref x:1: not found");
  }

  @Test
  void resolvePrefix_uniqueAmbiguousUnknownMalformed() throws IOException {
    refs.put("a:1", manifest("abc1" + "0".repeat(60)));
    refs.put("a:2", manifest("abc1" + "0".repeat(60)));
    refs.put("b:1", manifest("abd2" + "0".repeat(60)));
    assertThat(refs.resolvePrefix("abc").digest().hex()).startsWith("abc1");
    assertThat(refs.resolvePrefix("sha256:abd").digest().hex()).startsWith("abd2");
    assertThatThrownBy(() -> refs.resolvePrefix("ab"))
        .isInstanceOfSatisfying(
            BerthException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
        .hasMessageContaining("ambiguous")
        .hasMessageContaining("abc100000000")
        .hasMessageContaining("abd200000000");
    assertThatThrownBy(() -> refs.resolvePrefix("ff"))
        .isInstanceOfSatisfying(
            BerthException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND))
        .hasMessage("image ID ff: not found");
    assertThatThrownBy(() -> refs.resolvePrefix("XYZ"))
        .isInstanceOfSatisfying(
            BerthException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT));
  }

  @Test
  void corruptIndex_isReportedAsCorrupt() throws IOException {
    Files.writeString(root.resolve("refs/index.json"), "{not json");
    assertThatThrownBy(() -> refs.list())
        .isInstanceOfSatisfying(
            BerthException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.FAILED_PRECONDITION))
        .hasMessageContaining("index.json");
  }

  @Test
  void badName_isInvalidArgument() {
    assertThatThrownBy(() -> refs.put("", manifest("a".repeat(64))))
        .isInstanceOf(BerthException.class);
    assertThatThrownBy(() -> refs.put("a\nb", manifest("a".repeat(64))))
        .isInstanceOf(BerthException.class);
  }

  @Test
  void concurrentPutsFromThreads_noneIsLost() throws Exception {
    int threads = 6;
    int each = 15;
    var pool = Executors.newFixedThreadPool(threads);
    try {
      var futures = new ArrayList<Future<?>>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        futures.add(
            pool.submit(
                () -> {
                  try (Store s = Store.open(root)) {
                    for (int i = 0; i < each; i++) {
                      String hex = Digest.sha256((id + "/" + i).getBytes(UTF_8)).hex();
                      s.refs().put("img" + id + ":" + i, manifest(hex));
                    }
                  }
                  return null;
                }));
      }
      for (var f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(refs.list()).hasSize(threads * each);
  }
}
