package dev.berth.store;

import dev.berth.mount.Mounter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One open store's private directory under {@code tmp/}: ingests and staging happen here, and the
 * directory is locked for as long as its owner lives, so a later process can tell a crashed owner's
 * leftovers from a live one's work.
 */
final class Session implements AutoCloseable {

  private static final String OWNER = ".owner";
  // Sessions of this JVM: their owner file must not be opened by a cleaner here, since closing
  // any channel on it would drop this process's lock.
  private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

  private final Path dir;
  private final FileChannel ownerChannel;
  private final FileLock ownerLock;
  private final AtomicLong counter = new AtomicLong();

  private Session(Path dir, FileChannel ownerChannel, FileLock ownerLock) {
    this.dir = dir;
    this.ownerChannel = ownerChannel;
    this.ownerLock = ownerLock;
  }

  /** Creates a session directory; the caller holds the store lock so no cleaner races with it. */
  static Session create(Path tmpRoot) throws IOException {
    Path dir = tmpRoot.resolve("s-" + UUID.randomUUID());
    Files.createDirectory(dir);
    FileChannel ch =
        FileChannel.open(
            dir.resolve(OWNER), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    FileLock lock = ch.tryLock();
    if (lock == null) {
      ch.close();
      throw new IOException("cannot lock new session " + dir);
    }
    LIVE.add(dir);
    return new Session(dir, ch, lock);
  }

  /**
   * Deletes everything in {@code tmp/} that no live session owns: files, directories without an
   * owner file, and directories whose owner lock is free because their process died. Called with
   * the store lock held.
   */
  static int clean(Path tmpRoot) throws IOException {
    int removed = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(tmpRoot)) {
      for (Path entry : entries) {
        if (LIVE.contains(entry)) {
          continue;
        }
        if (!Files.isDirectory(entry) || ownerIsGone(entry.resolve(OWNER))) {
          try {
            // A process killed while it had something mounted here (the overlay probe, a
            // sandbox) leaves the mount: it must go first, or the tree cannot be deleted.
            unmountUnder(entry);
            AtomicFiles.deleteTree(entry);
            removed++;
          } catch (IOException leftForLater) {
            // Cleaning is best effort: a leftover that cannot go now must not fail the command.
          }
        }
      }
    }
    return removed;
  }

  /** Unmounts every mount at or below {@code dir}, the deepest first. */
  private static void unmountUnder(Path dir) throws IOException {
    Path mountinfo = Path.of("/proc/self/mountinfo");
    if (!Files.isReadable(mountinfo)) {
      return;
    }
    String root = dir.toAbsolutePath().normalize().toString();
    List<String> points = new ArrayList<>();
    for (String line : Files.readAllLines(mountinfo)) {
      String[] f = line.split(" ");
      if (f.length > 4) {
        String point = f[4].replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\");
        if (point.equals(root) || point.startsWith(root + "/")) {
          points.add(point);
        }
      }
    }
    points.sort(Comparator.comparingInt(String::length).reversed());
    for (String point : points) {
      Mounter.unmount(Path.of(point));
    }
  }

  /** Whether the session directory {@code dir} belongs to a process that still runs. */
  static boolean isLive(Path dir) throws IOException {
    if (LIVE.contains(dir)) {
      return true;
    }
    return Files.isDirectory(dir) && !ownerIsGone(dir.resolve(OWNER));
  }

  private static boolean ownerIsGone(Path owner) throws IOException {
    if (!Files.exists(owner)) {
      return true;
    }
    try (FileChannel ch = FileChannel.open(owner, StandardOpenOption.WRITE)) {
      FileLock probe = ch.tryLock();
      if (probe == null) {
        return false;
      }
      probe.release();
      return true;
    } catch (OverlappingFileLockException e) {
      return false;
    }
  }

  Path dir() {
    return dir;
  }

  /** A fresh path in the session directory, not yet created. */
  Path newPath(String prefix) {
    return dir.resolve(prefix + "-" + counter.incrementAndGet());
  }

  @Override
  public void close() throws IOException {
    try {
      AtomicFiles.deleteTree(dir);
    } finally {
      LIVE.remove(dir);
      ownerLock.release();
      ownerChannel.close();
    }
  }
}
