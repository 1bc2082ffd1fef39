package dev.berth.layer;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongUnaryOperator;

/**
 * Gives every entry of a tree new owners, as a function of the old ones, keeping what a plain chown
 * loses: setuid and setgid bits and file capabilities. Links are changed, never followed.
 */
public final class OwnerShift {

  private static final String CAPABILITY = "security.capability";

  private OwnerShift() {}

  /** Shifts the owners of {@code root} and everything below it; returns how many changed. */
  public static long apply(Path root, LongUnaryOperator uid, LongUnaryOperator gid)
      throws IOException {
    long[] changed = {0};
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            changed[0] += shift(dir, uid, gid);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            changed[0] += shift(file, uid, gid);
            return FileVisitResult.CONTINUE;
          }
        });
    return changed[0];
  }

  private static int shift(Path p, LongUnaryOperator uidOf, LongUnaryOperator gidOf)
      throws IOException {
    Map<String, Object> a = Files.readAttributes(p, "unix:uid,gid,mode", LinkOption.NOFOLLOW_LINKS);
    long uid = ((Number) a.get("uid")).longValue();
    long gid = ((Number) a.get("gid")).longValue();
    long newUid = uidOf.applyAsLong(uid);
    long newGid = gidOf.applyAsLong(gid);
    if (newUid == uid && newGid == gid) {
      return 0;
    }
    int mode = (Integer) a.get("mode");
    boolean link = (mode & 0170000) == 0120000;
    Optional<byte[]> caps = link ? Optional.empty() : Native.getXattr(p, CAPABILITY);
    try {
      Files.setAttribute(p, "unix:uid", (int) newUid, LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(p, "unix:gid", (int) newGid, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new IOException(
          "cannot give "
              + p
              + " the owner "
              + newUid
              + ":"
              + newGid
              + " (was "
              + uid
              + ":"
              + gid
              + "): "
              + e.getMessage(),
          e);
    }
    if (!link) {
      // chown clears setuid, setgid and capabilities; put them back.
      if ((mode & 06000) != 0) {
        Native.chmod(p, mode);
      }
      if (caps.isPresent()) {
        Native.setXattr(p, CAPABILITY, caps.get());
      }
    }
    return 1;
  }
}
