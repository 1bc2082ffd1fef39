package dev.berth.layer;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The one resolver of paths inside a root directory (an image's tree, a stage, the build context)
 * as a chroot sees them, for everything berth reads or mounts from such a root on the host: RUN
 * bind-mount sources, passwd and group for {@code --chown} and {@code USER}, COPY destinations,
 * WORKDIR, {@code --from} sources and the mount points of a container.
 *
 * <p>Every component that exists is looked at: a symlink is followed with its target taken inside
 * the root (an absolute target starts again at the root), and {@code ..} stops at the root, so
 * {@code /data -> /home/me} leads to {@code <root>/home/me} and never to the host's. The part of a
 * path that does not exist is kept as written, so a destination can be created there. After {@value
 * #MAX_LINKS} links the path is refused, as BuildKit's resolver does (a loop).
 *
 * <p>The result holds no symlink on its way (nor at its end when the last one is followed), so the
 * kernel, given it, stays in the root as long as the tree does not change underneath; the trees
 * given here are snapshots and contexts that no container changes meanwhile.
 */
public final class RootPath {

  /** Links followed before a path counts as a loop (BuildKit's and continuity's limit). */
  public static final int MAX_LINKS = 255;

  /** The code of the error for a path with too many links on its way. */
  public static final String SYMLINK_LOOP = "symlink-loop";

  /** The code of the error for a name component longer than NAME_MAX. */
  public static final String NAME_TOO_LONG = "name-too-long";

  private final Path root;

  private RootPath(Path root) {
    this.root = root;
  }

  public static RootPath of(Path root) {
    return new RootPath(root);
  }

  public Path root() {
    return root;
  }

  /**
   * The root-relative name ({@code ""} for the root itself) that {@code path} (absolute or relative
   * to the root, the same thing here) resolves to; {@code followLast} decides whether a symlink at
   * the last component is followed too.
   */
  public String resolve(String path, boolean followLast) throws BerthException {
    Deque<String> todo = new ArrayDeque<>(split(path));
    List<String> done = new ArrayList<>();
    int links = 0;
    while (!todo.isEmpty()) {
      String part = todo.removeFirst();
      if (part.equals("..")) {
        if (!done.isEmpty()) {
          done.remove(done.size() - 1);
        }
        continue;
      }
      int bytes = part.getBytes(StandardCharsets.UTF_8).length;
      if (bytes > TarReader.MAX_COMPONENT_BYTES) {
        // The host would refuse it later, when the layer is unpacked; say so where it is written.
        throw new BerthException(
            ErrorKind.INVALID_INPUT,
            NAME_TOO_LONG,
            LayerErrors.shown(path.startsWith("/") ? path : "/" + path)
                + ": a name in it is "
                + bytes
                + " bytes long; at most "
                + TarReader.MAX_COMPONENT_BYTES
                + " are allowed");
      }
      done.add(part);
      Path p = root.resolve(String.join("/", done));
      // A missing component reads as no link; a later '..' may climb back to where links exist.
      if (Files.isSymbolicLink(p) && (followLast || !todo.isEmpty())) {
        if (++links > MAX_LINKS) {
          throw new BerthException(
              ErrorKind.INVALID_INPUT,
              SYMLINK_LOOP,
              "too many levels of symbolic links (a symlink loop?) in "
                  + LayerErrors.shown(path.startsWith("/") ? path : "/" + path));
        }
        String target;
        try {
          target = Files.readSymbolicLink(p).toString();
        } catch (IOException e) {
          throw BerthException.failed("cannot read the link " + p + ": " + e.getMessage());
        }
        done.remove(done.size() - 1);
        if (target.startsWith("/")) {
          done.clear();
        }
        List<String> parts = split(target);
        for (int i = parts.size() - 1; i >= 0; i--) {
          todo.addFirst(parts.get(i));
        }
      }
    }
    return String.join("/", done);
  }

  /** The file on the host for a name {@link #resolve} returned. */
  public Path file(String resolved) {
    return resolved.isEmpty() ? root : root.resolve(resolved);
  }

  /** {@link #resolve} then {@link #file}: where {@code path} of the root is on the host. */
  public Path path(String path, boolean followLast) throws BerthException {
    return file(resolve(path, followLast));
  }

  /** Whether a resolved name exists (as itself: a dangling last link exists). */
  public boolean exists(String resolved) {
    return Files.exists(file(resolved), LinkOption.NOFOLLOW_LINKS);
  }

  /** Whether {@code path}, through its symlinks, is a directory of the root. */
  public boolean isDirectory(String path) throws BerthException {
    return Files.isDirectory(path(path, true), LinkOption.NOFOLLOW_LINKS);
  }

  /**
   * {@link #isDirectory} for a predicate: a path that cannot be resolved is no directory (the write
   * that follows reports why).
   */
  public boolean isDirectoryQuietly(String path) {
    try {
      return isDirectory(path);
    } catch (BerthException e) {
      return false;
    }
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
