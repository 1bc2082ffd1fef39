package dev.berth.layer;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The few system calls the JDK lacks: extended attributes of any namespace (its attribute view only
 * reaches {@code user.*}) and {@code mknod}. Every call acts on the path itself and never follows a
 * symlink at its end.
 */
final class Native {

  private static final int ENODATA = 61;
  private static final int ENOTSUP = 95;
  private static final int ERANGE = 34;

  /** The C library calls used here. */
  interface LibC extends Library {
    long llistxattr(String path, byte[] list, long size) throws LastErrorException;

    long lgetxattr(String path, String name, byte[] value, long size) throws LastErrorException;

    int lsetxattr(String path, String name, byte[] value, long size, int flags)
        throws LastErrorException;

    int mknod(String path, int mode, long dev) throws LastErrorException;

    int chmod(String path, int mode) throws LastErrorException;

    int utimensat(int dirfd, String path, long[] times, int flags) throws LastErrorException;
  }

  private static final int AT_FDCWD = -100;
  private static final int AT_SYMLINK_NOFOLLOW = 0x100;

  private static final Optional<LibC> LIBC = load();

  private Native() {}

  private static Optional<LibC> load() {
    try {
      return Optional.of(com.sun.jna.Native.load("c", LibC.class));
    } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
      return Optional.empty();
    }
  }

  private static LibC libc() throws IOException {
    return LIBC.orElseThrow(() -> new IOException("the C library could not be loaded through JNA"));
  }

  /** The names of the path's extended attributes; empty where the file system has none. */
  static List<String> listXattrs(Path path) throws IOException {
    String p = path.toString();
    for (int attempt = 0; attempt < 5; attempt++) {
      try {
        long needed = libc().llistxattr(p, null, 0);
        if (needed <= 0) {
          return List.of();
        }
        byte[] buf = new byte[(int) needed];
        long n = libc().llistxattr(p, buf, buf.length);
        List<String> names = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < n; i++) {
          if (buf[i] == 0) {
            names.add(new String(buf, start, i - start, StandardCharsets.UTF_8));
            start = i + 1;
          }
        }
        return names;
      } catch (LastErrorException e) {
        if (e.getErrorCode() == ENOTSUP) {
          return List.of();
        }
        if (e.getErrorCode() != ERANGE) {
          throw new IOException("llistxattr " + p + ": " + e.getMessage(), e);
        }
      }
    }
    throw new IOException("llistxattr " + p + ": attribute list keeps changing");
  }

  /** An attribute's raw value, or empty when the path does not have it (or it cannot be read). */
  static Optional<byte[]> getXattr(Path path, String name) throws IOException {
    String p = path.toString();
    for (int attempt = 0; attempt < 5; attempt++) {
      try {
        long needed = libc().lgetxattr(p, name, null, 0);
        byte[] buf = new byte[(int) needed];
        long n = needed == 0 ? 0 : libc().lgetxattr(p, name, buf, buf.length);
        return Optional.of(n == buf.length ? buf : Arrays.copyOf(buf, (int) n));
      } catch (LastErrorException e) {
        if (e.getErrorCode() == ENODATA || e.getErrorCode() == ENOTSUP) {
          return Optional.empty();
        }
        if (e.getErrorCode() != ERANGE) {
          throw new IOException("lgetxattr " + p + " " + name + ": " + e.getMessage(), e);
        }
      }
    }
    throw new IOException("lgetxattr " + p + " " + name + ": value keeps changing");
  }

  /** Sets an attribute; throws when the file system or the caller's privileges refuse it. */
  static void setXattr(Path path, String name, byte[] value) throws IOException {
    try {
      libc().lsetxattr(path.toString(), name, value, value.length, 0);
    } catch (LastErrorException e) {
      throw new IOException("lsetxattr " + path + " " + name + ": " + e.getMessage(), e);
    }
  }

  /** Creates a device node or fifo; {@code mode} includes the file type bits. */
  static void mknod(Path path, int mode, int major, int minor) throws IOException {
    try {
      libc().mknod(path.toString(), mode, makedev(major, minor));
    } catch (LastErrorException e) {
      throw new IOException("mknod " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * Sets a path's mode, permission and setuid/setgid/sticky bits. The JDK opens the file to do this
   * without following links, which blocks on a fifo and opens a device.
   */
  static void chmod(Path path, int mode) throws IOException {
    try {
      libc().chmod(path.toString(), mode & 07777);
    } catch (LastErrorException e) {
      throw new IOException("chmod " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * Sets access and modification time of the path itself, a symlink included, without opening it.
   */
  static void setTimes(Path path, long epochSecond) throws IOException {
    try {
      libc()
          .utimensat(
              AT_FDCWD,
              path.toString(),
              new long[] {epochSecond, 0, epochSecond, 0},
              AT_SYMLINK_NOFOLLOW);
    } catch (LastErrorException e) {
      throw new IOException("utimensat " + path + ": " + e.getMessage(), e);
    }
  }

  /** glibc's encoding of a device number. */
  static long makedev(long major, long minor) {
    return (minor & 0xff)
        | ((major & 0xfff) << 8)
        | ((minor & ~0xffL) << 12)
        | ((major & ~0xfffL) << 32);
  }

  static int major(long dev) {
    return (int) (((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL));
  }

  static int minor(long dev) {
    return (int) ((dev & 0xff) | ((dev >>> 12) & ~0xffL));
  }
}
