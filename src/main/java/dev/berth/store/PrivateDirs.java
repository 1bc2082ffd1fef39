package dev.berth.store;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Keeps the store's directories to their owner alone (mode 0700). Unpacked images hold setuid-root
 * binaries and device nodes as the image made them: a local user who could walk into a snapshot
 * could run one and become root. Containers reach their trees through mounts made by the owner (or
 * by the owner's user namespace), never by walking the store's path, so they are not affected.
 */
final class PrivateDirs {

  static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

  private static final Set<PosixFilePermission> OTHERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  private PrivateDirs() {}

  /**
   * Creates {@code dir} as 0700 (its missing parents as usual), or takes group and other access
   * away from an existing one.
   */
  static void ensure(Path dir) throws IOException {
    Path abs = dir.toAbsolutePath();
    if (abs.getParent() != null) {
      Files.createDirectories(abs.getParent());
    }
    try {
      Files.createDirectory(abs, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    } catch (FileAlreadyExistsException e) {
      // An existing store (or a path that is not a directory: the check below says so).
    }
    if (!Files.isDirectory(abs)) {
      throw new BerthException(
          ErrorKind.FAILED_PRECONDITION, "store directory " + abs + ": not a directory");
    }
    Set<PosixFilePermission> now = Files.getPosixFilePermissions(abs);
    if (now.stream().noneMatch(OTHERS::contains)) {
      return;
    }
    Set<PosixFilePermission> tightened = EnumSet.copyOf(now);
    tightened.removeAll(OTHERS);
    try {
      Files.setPosixFilePermissions(abs, tightened);
    } catch (IOException e) {
      throw new BerthException(
          ErrorKind.FAILED_PRECONDITION,
          "store directory "
              + abs
              + " is open to other users (mode "
              + PosixFilePermissions.toString(now)
              + ") and berth cannot make it private: "
              + e.getMessage()
              + " (its owner can: chmod go= "
              + abs
              + ")",
          e);
    }
  }
}
