package dev.berth.runtime;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A host device node a container gets ({@code --device}): created at {@code path} inside with the
 * host node's type ({@code c} or {@code b}), numbers, mode and owner, and opened as {@code access}
 * (some of {@code r}, {@code w}, {@code m}) allows.
 */
public record DeviceNode(
    String path,
    char type,
    long major,
    long minor,
    int fileMode,
    long uid,
    long gid,
    String access) {

  private static final int S_IFMT = 0170000;
  private static final int S_IFCHR = 0020000;
  private static final int S_IFBLK = 0060000;

  /** Directories of {@code /dev} that hold no host devices a privileged container should see. */
  private static final Set<String> NOT_DEVICES = Set.of("pts", "shm", "mqueue", "fd", ".udev");

  public DeviceNode {
    Objects.requireNonNull(path, "path");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("device path is not absolute: " + path);
    }
    if (type != 'c' && type != 'b') {
      throw new IllegalArgumentException("device type must be b or c: " + type);
    }
    if (access.isEmpty() || !access.chars().allMatch(ch -> "rwm".indexOf(ch) >= 0)) {
      throw new IllegalArgumentException("device access must be some of r, w, m: " + access);
    }
  }

  /**
   * The host's node {@code host}, to appear at {@code path} in the container.
   *
   * @throws BerthException NOT_FOUND when it is missing, INVALID_INPUT when it is no device node
   */
  public static DeviceNode fromHost(Path host, String path, String access) throws IOException {
    Map<String, Object> attrs;
    try {
      attrs = Files.readAttributes(host, "unix:mode,rdev,uid,gid");
    } catch (NoSuchFileException e) {
      throw new BerthException(
          ErrorKind.NOT_FOUND, "no-device", "--device " + host + ": no such device on the host");
    }
    int mode = (Integer) attrs.get("mode");
    char type =
        switch (mode & S_IFMT) {
          case S_IFCHR -> 'c';
          case S_IFBLK -> 'b';
          default ->
              throw BerthException.invalid(
                  "--device " + host + ": not a character or block device node");
        };
    long rdev = (Long) attrs.get("rdev");
    return new DeviceNode(
        path,
        type,
        major(rdev),
        minor(rdev),
        mode & 07777,
        (Integer) attrs.get("uid"),
        (Integer) attrs.get("gid"),
        access);
  }

  /** Every device node below the host's {@code /dev}, as a privileged container sees them. */
  public static List<DeviceNode> hostDevices() throws IOException {
    List<DeviceNode> out = new ArrayList<>();
    Path dev = Path.of("/dev");
    if (!Files.isDirectory(dev)) {
      return out;
    }
    try (Stream<Path> walk = Files.walk(dev)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (p.equals(dev) || underSkipped(dev.relativize(p))) {
          continue;
        }
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
            || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
            || Files.isSymbolicLink(p)) {
          continue;
        }
        try {
          out.add(fromHost(p, p.toString(), "rwm"));
        } catch (BerthException e) {
          // A socket or FIFO: not a device.
        } catch (NoSuchFileException e) {
          // Gone while we looked.
        }
      }
    }
    return List.copyOf(out);
  }

  private static boolean underSkipped(Path relative) {
    return NOT_DEVICES.contains(relative.getName(0).toString())
        || relative.toString().equals("console");
  }

  /** The major number in Linux's encoding of a device number (as glibc's major()). */
  static long major(long rdev) {
    return ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL);
  }

  /** The minor number in Linux's encoding of a device number (as glibc's minor()). */
  static long minor(long rdev) {
    return (rdev & 0xff) | ((rdev >>> 12) & ~0xffL);
  }
}
