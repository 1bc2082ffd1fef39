package dev.berth.store;

import dev.berth.diag.BerthException;
import dev.berth.image.BlobErrors;
import dev.berth.image.BlobIngester;
import dev.berth.image.BlobReader;
import dev.berth.image.BlobWriter;
import dev.berth.image.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Blobs under {@code blobs/sha256/<hex>}, verified against their digest on ingest. A blob appears
 * only by an atomic rename of a complete, fsynced file, so readers never see partial content.
 */
public final class ContentStore implements BlobReader, BlobIngester, BlobManager {

  private final StoreLayout layout;
  private final Session session;
  private final SessionLease lease;

  ContentStore(StoreLayout layout, Session session, SessionLease lease) {
    this.layout = layout;
    this.session = session;
    this.lease = lease;
  }

  /**
   * Whether the blob is stored, holding it for this session first (see {@link Store#hold}): a
   * caller that finds a blob here relies on it, and a collector must not take it away before a ref
   * names it.
   */
  @Override
  public boolean exists(Digest digest) throws IOException {
    lease.holdBlob(digest);
    return Files.exists(layout.blob(digest));
  }

  @Override
  public Optional<Long> size(Digest digest) throws IOException {
    try {
      return Optional.of(Files.size(layout.blob(digest)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public InputStream open(Digest digest) throws IOException {
    try {
      return Files.newInputStream(layout.blob(digest));
    } catch (NoSuchFileException e) {
      throw BlobErrors.notFound(digest, "the store at " + layout.root());
    }
  }

  @Override
  public BlobWriter writer() throws IOException {
    return new IngestWriter(session.newPath("ingest"), this::place);
  }

  /** Stores a small blob held in memory and returns its digest. */
  public Digest put(byte[] content) throws IOException {
    try (BlobWriter w = writer()) {
      w.stream().write(content);
      return w.commit(content.length, null);
    }
  }

  /** Copies a stream into the store, checking it against the expected size and digest. */
  public Digest put(InputStream in, long expectedSize, Digest expected) throws IOException {
    try (BlobWriter w = writer()) {
      in.transferTo(w.stream());
      return w.commit(expectedSize, expected);
    }
  }

  /**
   * Hashes a stored blob again and checks it against its name.
   *
   * @throws BerthException of kind CORRUPT when the content no longer matches
   * @throws BerthException of kind NOT_FOUND when it is not stored
   */
  public void verify(Digest digest) throws IOException {
    Digest actual;
    try (InputStream in = open(digest)) {
      var md = digest.newHasher();
      byte[] buf = new byte[64 * 1024];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
      actual = new Digest(digest.algorithm(), HexFormat.of().formatHex(md.digest()));
    }
    if (!actual.equals(digest)) {
      throw StoreErrors.corrupt("content " + digest, "its bytes hash to " + actual);
    }
  }

  @Override
  public List<BlobInfo> list() throws IOException {
    List<BlobInfo> out = new ArrayList<>();
    Path sha = layout.blobs().resolve("sha256");
    if (!Files.isDirectory(sha)) {
      return out;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(sha)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (Digest.isValid("sha256:" + name)) {
          info(new Digest("sha256", name)).ifPresent(out::add);
        }
      }
    }
    out.sort(Comparator.comparing(BlobInfo::digest));
    return out;
  }

  @Override
  public Optional<BlobInfo> info(Digest digest) throws IOException {
    try {
      BasicFileAttributes a = Files.readAttributes(layout.blob(digest), BasicFileAttributes.class);
      return Optional.of(new BlobInfo(digest, a.size(), a.lastModifiedTime().toInstant()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public void delete(Digest digest) throws IOException {
    if (!Files.deleteIfExists(layout.blob(digest))) {
      throw StoreErrors.notFound("content " + digest);
    }
    AtomicFiles.fsyncDir(layout.blob(digest).getParent());
  }

  /** Removes every blob not in {@code keep}; called by the collector with the store lock held. */
  Swept sweep(Set<Digest> keep) throws IOException {
    Swept swept = Swept.NONE;
    for (BlobInfo blob : list()) {
      if (!keep.contains(blob.digest()) && Files.deleteIfExists(layout.blob(blob.digest()))) {
        swept = swept.plus(1, blob.size());
      }
    }
    if (swept.count() > 0) {
      AtomicFiles.fsyncDir(layout.blobs().resolve("sha256"));
    }
    return swept;
  }

  /** Moves a verified, fsynced temp file into place; an identical blob already there wins. */
  private void place(Path tmp, Digest digest) throws IOException {
    // Held before it appears, so no collector sees it unnamed and unheld.
    lease.holdBlob(digest);
    Path target = layout.blob(digest);
    Files.createDirectories(target.getParent());
    if (Files.exists(target)) {
      // Same digest, same bytes: keep the existing file so open readers stay undisturbed.
      Files.deleteIfExists(tmp);
      return;
    }
    AtomicFiles.move(tmp, target);
  }

  /** Where a verified temp file goes. */
  @FunctionalInterface
  interface Placer {
    void place(Path tmp, Digest digest) throws IOException;
  }

  /** Checks that a commit's expectations are usable before any bytes are compared. */
  static void checkExpected(Digest expected) throws BerthException {
    if (expected != null && !expected.algorithm().equals("sha256")) {
      throw StoreErrors.invalid("content " + expected, "only sha256 digests can be stored");
    }
  }

  static BerthException mismatch(String what, Object expected, Object actual) {
    return BlobErrors.mismatch(
        "content: " + what + " mismatch: expected " + expected + ", got " + actual);
  }
}
