package dev.berth.context;

import dev.berth.image.Digest;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * File digests remembered between builds in one small file, keyed by path and {@link FileStamp}. An
 * unreadable or foreign cache file counts as empty: the cache only ever saves work.
 */
final class DigestCache {

  private static final int MAGIC = 0x62724843; // "brHC"
  private static final int VERSION = 1;

  /** Beyond this many entries, those not used by the latest hashing are dropped. */
  private static final int MAX_ENTRIES = 200_000;

  private record Entry(FileStamp stamp, Digest digest) {}

  private final Path file;
  private final Map<String, Entry> entries;
  private final Map<String, Entry> used = new HashMap<>();
  private boolean dirty;

  private DigestCache(Path file, Map<String, Entry> entries) {
    this.file = file;
    this.entries = entries;
  }

  static DigestCache load(Path file) {
    Map<String, Entry> entries = new HashMap<>();
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      if (in.readInt() != MAGIC || in.readInt() != VERSION) {
        return new DigestCache(file, new HashMap<>());
      }
      int count = in.readInt();
      byte[] sum = new byte[32];
      for (int i = 0; i < count; i++) {
        String path = in.readUTF();
        FileStamp stamp = new FileStamp(in.readLong(), in.readLong(), in.readLong(), in.readLong());
        in.readFully(sum);
        entries.put(path, new Entry(stamp, Digest.fromSha256(sum)));
      }
    } catch (NoSuchFileException e) {
      return new DigestCache(file, entries);
    } catch (IOException | RuntimeException e) {
      return new DigestCache(file, new HashMap<>());
    }
    return new DigestCache(file, entries);
  }

  /** The remembered digest, only when every part of the stamp is the same. */
  Optional<Digest> lookup(String path, FileStamp stamp) {
    Entry e = entries.get(path);
    if (e == null || !e.stamp().equals(stamp)) {
      return Optional.empty();
    }
    used.put(path, e);
    return Optional.of(e.digest());
  }

  void put(String path, FileStamp stamp, Digest digest) {
    Entry e = new Entry(stamp, digest);
    entries.put(path, e);
    used.put(path, e);
    dirty = true;
  }

  /** Writes the cache beside its file and renames it into place, when anything was added. */
  void save() throws IOException {
    if (!dirty && Files.exists(file)) {
      return;
    }
    Map<String, Entry> keep = entries.size() > MAX_ENTRIES ? used : entries;
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
    try {
      try (DataOutputStream out =
          new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(keep.size());
        HexFormat hex = HexFormat.of();
        for (Map.Entry<String, Entry> e : keep.entrySet()) {
          FileStamp s = e.getValue().stamp();
          out.writeUTF(e.getKey());
          out.writeLong(s.size());
          out.writeLong(s.mtimeNanos());
          out.writeLong(s.ctimeNanos());
          out.writeLong(s.inode());
          out.write(hex.parseHex(e.getValue().digest().hex()));
        }
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
