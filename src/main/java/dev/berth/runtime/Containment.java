package dev.berth.runtime;

import dev.berth.diag.BerthException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Places container paths below a root directory as a chroot would see them: {@code ..} stops at the
 * root and a symlink is followed inside the root (an absolute target starts again at the root), so
 * a link planted in an image cannot send a mount out onto the host.
 */
final class Containment {

  private static final int MAX_LINKS = 40;

  private Containment() {}

  static Path inside(Path root, String containerPath) throws IOException {
    Path base = root.toAbsolutePath().normalize();
    return walk(base, base, containerPath, 0);
  }

  private static Path walk(Path base, Path current, String path, int links) throws IOException {
    if (path.startsWith("/")) {
      current = base;
    }
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        current = current.equals(base) ? base : current.getParent();
        continue;
      }
      Path next = current.resolve(part);
      if (Files.isSymbolicLink(next)) {
        if (links >= MAX_LINKS) {
          throw BerthException.invalid(
              "too many levels of symbolic links (a symlink loop?) in " + path);
        }
        current = walk(base, current, Files.readSymbolicLink(next).toString(), links + 1);
      } else {
        current = next;
      }
    }
    return current;
  }
}
