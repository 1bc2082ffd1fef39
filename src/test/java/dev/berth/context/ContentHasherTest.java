package dev.berth.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentHasherTest {

  @TempDir Path ctx;
  @TempDir Path state;

  @BeforeEach
  void context() throws IOException {
    write("src/a.py", "a = 1\n");
    write("src/b.py", "b = 2\n");
    write("src/sub/c.py", "c = 3\n");
  }

  @Test
  void touchingAFileChangesNothing() throws Exception {
    ContentHasher hasher = new ContentHasher();
    ContentHash before = hasher.hash(select());
    Files.setLastModifiedTime(
        ctx.resolve("src/a.py"), FileTime.from(Instant.parse("2001-01-01T00:00:00Z")));
    ContentHash after = hasher.hash(select());
    assertThat(after.digest()).isEqualTo(before.digest());
    assertThat(after.changedSince(before)).isEmpty();
  }

  @Test
  void changingOneByteChangesTheHashAndNamesTheFile() throws Exception {
    ContentHasher hasher = new ContentHasher();
    ContentHash before = hasher.hash(select());
    write("src/sub/c.py", "c = 4\n");
    ContentHash after = hasher.hash(select());
    assertThat(after.digest()).isNotEqualTo(before.digest());
    assertThat(after.changedSince(before)).containsExactly("/app/sub/c.py");
  }

  @Test
  void chmodChangesTheHash() throws Exception {
    ContentHasher hasher = new ContentHasher();
    ContentHash before = hasher.hash(select());
    Files.setPosixFilePermissions(
        ctx.resolve("src/b.py"), PosixFilePermissions.fromString("rwxr-xr-x"));
    ContentHash after = hasher.hash(select());
    assertThat(after.digest()).isNotEqualTo(before.digest());
    assertThat(after.changedSince(before)).containsExactly("/app/b.py");
  }

  @Test
  void renamingAFileChangesTheHash() throws Exception {
    ContentHasher hasher = new ContentHasher();
    ContentHash before = hasher.hash(select());
    Files.move(ctx.resolve("src/b.py"), ctx.resolve("src/bb.py"));
    ContentHash after = hasher.hash(select());
    assertThat(after.digest()).isNotEqualTo(before.digest());
    assertThat(after.changedSince(before)).containsExactly("/app/b.py", "/app/bb.py");
  }

  @Test
  void symlinkTargetCounts() throws Exception {
    Files.createSymbolicLink(ctx.resolve("src/link"), Path.of("a.py"));
    ContentHasher hasher = new ContentHasher();
    ContentHash before = hasher.hash(select());
    Files.delete(ctx.resolve("src/link"));
    Files.createSymbolicLink(ctx.resolve("src/link"), Path.of("b.py"));
    assertThat(hasher.hash(select()).changedSince(before)).containsExactly("/app/link");
  }

  @Test
  void sameContentAtAnotherDestinationIsAnotherHash() throws Exception {
    ContentHasher hasher = new ContentHasher();
    CopySelection other =
        CopySelector.select(ctx, List.of("src"), "/other/", "/", List.of(), p -> false);
    assertThat(hasher.hash(other).digest()).isNotEqualTo(hasher.hash(select()).digest());
  }

  @Test
  void cachedDigestIsReusedOnlyWhileTheStampMatches() throws Exception {
    Path cache = state.resolve("hashes");
    ContentHasher hasher = new ContentHasher(Optional.of(cache), Duration.ZERO, Clock.systemUTC());
    ContentHash first = hasher.hash(select());
    assertThat(cache).exists();
    assertThat(hasher.hash(select()).digest()).isEqualTo(first.digest());
    // Same size and the old mtime put back: only ctime (and the bytes) tell the change apart.
    Path a = ctx.resolve("src/a.py");
    FileTime mtime = Files.getLastModifiedTime(a);
    Thread.sleep(20);
    Files.writeString(a, "a = 9\n");
    Files.setLastModifiedTime(a, mtime);
    ContentHash changed = hasher.hash(select());
    assertThat(changed.changedSince(first)).containsExactly("/app/a.py");
    assertThat(changed.digest()).isEqualTo(new ContentHasher().hash(select()).digest());
  }

  @Test
  void recentlyChangedFilesAreNotRemembered() throws Exception {
    Path cache = state.resolve("hashes");
    // A clock that reads the files one second after they changed, inside the two-second margin.
    Clock soon = Clock.fixed(Instant.now().plusSeconds(1), ZoneOffset.UTC);
    new ContentHasher(Optional.of(cache), ContentHasher.RACY_MARGIN, soon).hash(select());
    DigestCache loaded = DigestCache.load(cache);
    Path a = ctx.resolve("src/a.py").toAbsolutePath();
    assertThat(loaded.lookup(a.toString(), stampOf(a))).isEmpty();
    Clock later = Clock.fixed(Instant.now().plusSeconds(60), ZoneOffset.UTC);
    new ContentHasher(Optional.of(cache), ContentHasher.RACY_MARGIN, later).hash(select());
    assertThat(DigestCache.load(cache).lookup(a.toString(), stampOf(a))).isPresent();
  }

  @Test
  void unreadableCacheFileIsIgnored() throws Exception {
    Path cache = state.resolve("hashes");
    Files.writeString(cache, "not a cache");
    ContentHash h = new ContentHasher(cache).hash(select());
    assertThat(h.digest()).isEqualTo(new ContentHasher().hash(select()).digest());
  }

  @Test
  void manySmallFilesHashTheSameWithoutACacheColdAndWarm() throws Exception {
    Path many = ctx.resolve("many");
    for (int d = 0; d < 20; d++) {
      Path dir = Files.createDirectories(many.resolve("d" + d));
      for (int f = 0; f < 50; f++) {
        Files.writeString(dir.resolve("f" + f + ".txt"), "file " + d + "/" + f + "\n");
      }
    }
    Path cache = state.resolve("hashes");
    ContentHasher cached = new ContentHasher(Optional.of(cache), Duration.ZERO, Clock.systemUTC());
    CopySelection s =
        CopySelector.select(ctx, List.of("many"), "/data/", "/", List.of(), p -> false);
    ContentHash plain = new ContentHasher().hash(s);
    ContentHash cold = cached.hash(s);
    ContentHash warm = cached.hash(s);
    assertThat(s.ops()).hasSize(1_021);
    assertThat(cold.digest()).isEqualTo(plain.digest());
    assertThat(warm.digest()).isEqualTo(plain.digest());
  }

  private CopySelection select() throws Exception {
    return CopySelector.select(ctx, List.of("src"), "/app/", "/", List.of(), p -> false);
  }

  private static FileStamp stampOf(Path p) throws IOException {
    var a = Files.readAttributes(p, "unix:size,ino,ctime,lastModifiedTime");
    return new FileStamp(
        (Long) a.get("size"),
        ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS),
        ((FileTime) a.get("ctime")).to(TimeUnit.NANOSECONDS),
        (Long) a.get("ino"));
  }

  private void write(String rel, String text) throws IOException {
    Path p = ctx.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }
}
