package dev.berth.solver;

import dev.berth.diag.BerthException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Where a COPY, ADD or WORKDIR destination lands in the image being built: symlinks on the way are
 * followed inside the root (an absolute target starts again at the root, {@code ..} stops there),
 * as BuildKit resolves destinations, so {@code COPY a /lib/} writes through {@code /lib -> usr/lib}
 * instead of replacing the link. The part of a path that does not exist yet is kept as written.
 */
final class DestinationPaths {

  private static final int MAX_LINKS = 255;

  private final Path root;

  DestinationPaths(Path root) {
    this.root = root;
  }

  /**
   * The root-relative name ({@code ""} for the root itself) that an absolute path resolves to;
   * {@code followLast} decides whether a symlink at the last component is followed too.
   */
  String resolve(String absolutePath, boolean followLast) throws IOException {
    Deque<String> todo = new ArrayDeque<>(split(absolutePath));
    List<String> done = new ArrayList<>();
    int links = 0;
    boolean missing = false;
    while (!todo.isEmpty()) {
      String part = todo.removeFirst();
      if (part.equals("..")) {
        if (!done.isEmpty()) {
          done.remove(done.size() - 1);
        }
        continue;
      }
      done.add(part);
      if (missing) {
        continue;
      }
      Path p = root.resolve(String.join("/", done));
      if (Files.isSymbolicLink(p) && (followLast || !todo.isEmpty())) {
        if (++links > MAX_LINKS) {
          throw BerthException.invalid(
              "too many levels of symbolic links in the destination " + absolutePath);
        }
        String target = Files.readSymbolicLink(p).toString();
        done.remove(done.size() - 1);
        if (target.startsWith("/")) {
          done.clear();
        }
        List<String> parts = split(target);
        for (int i = parts.size() - 1; i >= 0; i--) {
          todo.addFirst(parts.get(i));
        }
        continue;
      }
      missing = !Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }
    return String.join("/", done);
  }

  /** Whether an absolute path is, through its symlinks, a directory of the image. */
  boolean isDirectory(String absolutePath) throws IOException {
    return Files.isDirectory(path(resolve(absolutePath, true)), LinkOption.NOFOLLOW_LINKS);
  }

  /**
   * {@link #isDirectory} for a predicate: a path that cannot be resolved is no directory (the write
   * that follows reports why).
   */
  boolean isDirectoryQuietly(String absolutePath) {
    try {
      return isDirectory(absolutePath);
    } catch (IOException e) {
      return false;
    }
  }

  /** The file on disk for a resolved name. */
  Path path(String resolved) {
    return resolved.isEmpty() ? root : root.resolve(resolved);
  }

  private static List<String> split(String path) {
    List<String> parts = new ArrayList<>();
    for (String s : path.split("/")) {
      if (!s.isEmpty() && !s.equals(".")) {
        parts.add(s);
      }
    }
    return parts;
  }
}
