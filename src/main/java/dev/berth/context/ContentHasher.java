package dev.berth.context;

import dev.berth.image.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Digests what a COPY or ADD copies, for its cache key. Each entry counts with its source path,
 * destination, kind, permission bits, size, symlink target and bytes, in the selection's order.
 *
 * <p>Times are left out, so touching a file changes nothing. Source owners are left out too: COPY
 * and ADD give every file 0:0 or the {@code --chown} owner (which the instruction text, and so the
 * key, already carries), so the owner on the build machine never reaches the image and would only
 * make a checkout by another user miss the cache.
 *
 * <p>With a cache file, a file's digest is reused while its size, modification time, change time
 * and inode all stay the same, like git's index. A file changed within {@link #RACY_MARGIN} before
 * it was read is not remembered, because a later change in the same clock tick would leave its
 * times unchanged.
 */
public final class ContentHasher {

  /** How long a file must have been left alone before its digest is remembered. */
  public static final Duration RACY_MARGIN = Duration.ofSeconds(2);

  private static final Digest EMPTY = Digest.sha256(new byte[0]);

  private final Optional<Path> cacheFile;
  private final Duration racyMargin;
  private final Clock clock;

  /** A hasher that reads every file each time. */
  public ContentHasher() {
    this(Optional.empty(), RACY_MARGIN, Clock.systemUTC());
  }

  /** A hasher that remembers file digests in {@code cacheFile} between runs. */
  public ContentHasher(Path cacheFile) {
    this(Optional.of(cacheFile), RACY_MARGIN, Clock.systemUTC());
  }

  ContentHasher(Optional<Path> cacheFile, Duration racyMargin, Clock clock) {
    this.cacheFile = cacheFile;
    this.racyMargin = racyMargin;
    this.clock = clock;
  }

  public ContentHash hash(CopySelection selection) throws IOException {
    Optional<DigestCache> cache = cacheFile.map(DigestCache::load);
    MessageDigest total = Digest.newSha256();
    byte[] buffer = new byte[64 * 1024];
    List<FileDigest> files = new ArrayList<>(selection.ops().size());
    for (CopyOp op : selection.ops()) {
      FileDigest f = digest(op, cache, buffer);
      files.add(f);
      update(total, op.sourcePath());
      update(total, op.destination());
      update(total, f.entry().hex());
    }
    if (cache.isPresent()) {
      cache.get().save();
    }
    return new ContentHash(Digest.fromSha256(total.digest()), files);
  }

  private FileDigest digest(CopyOp op, Optional<DigestCache> cache, byte[] buffer)
      throws IOException {
    int mode = op.mode();
    long size = op.size();
    Digest content = EMPTY;
    if (op.kind() == FileKind.FILE) {
      Map<String, Object> a =
          Files.readAttributes(
              op.source(), "unix:mode,size,ino,ctime,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
      mode = (Integer) a.get("mode") & 07777;
      FileStamp stamp =
          new FileStamp(
              (Long) a.get("size"),
              nanos((FileTime) a.get("lastModifiedTime")),
              nanos((FileTime) a.get("ctime")),
              (Long) a.get("ino"));
      size = stamp.size();
      String key = op.source().toAbsolutePath().toString();
      Optional<Digest> known = cache.flatMap(c -> c.lookup(key, stamp));
      if (known.isPresent()) {
        content = known.get();
      } else {
        long readAt = nanos(clock.instant());
        content = read(op.source(), buffer);
        long changedAt = Math.max(stamp.mtimeNanos(), stamp.ctimeNanos());
        if (readAt - changedAt > racyMargin.toNanos()) {
          final Digest d = content;
          cache.ifPresent(c -> c.put(key, stamp, d));
        }
      }
    }
    MessageDigest entry = Digest.newSha256();
    update(entry, op.kind().name());
    update(entry, Integer.toOctalString(mode));
    update(entry, Long.toString(size));
    update(entry, op.linkTarget());
    update(entry, content.hex());
    return new FileDigest(
        op.sourcePath(),
        op.destination(),
        op.kind(),
        mode,
        content,
        Digest.fromSha256(entry.digest()));
  }

  private static Digest read(Path file, byte[] buffer) throws IOException {
    MessageDigest md = Digest.newSha256();
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        md.update(buffer, 0, n);
      }
    }
    return Digest.fromSha256(md.digest());
  }

  /** Adds a field, ended by NUL, which no path or number contains. */
  private static void update(MessageDigest md, String field) {
    md.update(field.getBytes(StandardCharsets.UTF_8));
    md.update((byte) 0);
  }

  private static long nanos(FileTime t) {
    return t.to(TimeUnit.NANOSECONDS);
  }

  private static long nanos(Instant t) {
    return TimeUnit.SECONDS.toNanos(t.getEpochSecond()) + t.getNano();
  }
}
