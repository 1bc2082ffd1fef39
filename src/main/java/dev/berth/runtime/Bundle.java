package dev.berth.runtime;

import dev.berth.mount.Ledger;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * A temporary directory for one container: its config, generated etc files and the mount point of
 * its root. Removing it deletes only those names, never recursively, so a root that failed to
 * unmount is left alone rather than emptied.
 */
record Bundle(Path dir) {

  static final List<String> FILES = List.of("config.json", "hosts", "resolv.conf");

  static Bundle create(Path parent) throws IOException {
    return create(parent, undo -> {});
  }

  /** Makes a fresh bundle directory, telling {@code recorder} first. */
  static Bundle create(Path parent, Ledger.Recorder recorder) throws IOException {
    Files.createDirectories(parent);
    byte[] random = new byte[8];
    RANDOM.nextBytes(random);
    Path dir = parent.resolve("berth-bundle-" + HexFormat.of().formatHex(random));
    recorder.record(new Ledger.Undo.RemoveDir(dir));
    return new Bundle(Files.createDirectory(dir));
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  Path rootfs() {
    return dir.resolve("rootfs");
  }

  void remove() throws IOException {
    for (String name : FILES) {
      Files.deleteIfExists(dir.resolve(name));
    }
    try {
      Files.deleteIfExists(rootfs());
      Files.deleteIfExists(dir);
    } catch (DirectoryNotEmptyException e) {
      throw new IOException("bundle " + dir + " still holds files; left in place", e);
    }
  }
}
