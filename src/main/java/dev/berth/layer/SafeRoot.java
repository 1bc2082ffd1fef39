package dev.berth.layer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Resolves entry names inside a root directory without ever leaving it.
 *
 * <p>Names are cleaned as tar does (a leading {@code /} is dropped, {@code .} components vanish)
 * and a {@code ..} that would climb above the root is refused. Parent directories are walked one
 * component at a time without following symlinks blindly: a symlink met on the way is followed
 * only when its target is relative and stays inside the root (so {@code lib -> usr/lib} works); an
 * absolute target or one that climbs out is refused. The last component is never followed.
 */
final class SafeRoot {

  private static final int MAX_LINKS = 40;

  private final Path root;

  SafeRoot(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  /** The cleaned components of an entry name; empty for the root itself. */
  static List<String> clean(String entry, String name) throws UnsafeEntryException {
    List<String> out = new ArrayList<>();
    for (String c : name.split("/")) {
      if (c.isEmpty() || c.equals(".")) {
        continue;
      }
      if (c.equals("..")) {
        if (out.isEmpty()) {
          throw new UnsafeEntryException(entry, "'" + name + "' climbs out of the root with '..'");
        }
        out.remove(out.size() - 1);
      } else {
        out.add(c);
      }
    }
    return out;
  }

  /**
   * The real directory that holds the last component, inside the root. Missing directories are
   * created (and reported to {@code created}) when {@code create} is set; otherwise a missing one
   * gives empty.
   */
  Optional<Path> parentOf(String entry, List<String> components, boolean create,
      Consumer<Path> created) throws IOException {
    Deque<String> todo = new ArrayDeque<>(components.subList(0, components.size() - 1));
    Deque<String> real = new ArrayDeque<>();
    Path cur = root;
    int links = 0;
    while (!todo.isEmpty()) {
      String c = todo.pollFirst();
      if (c.isEmpty() || c.equals(".")) {
        continue;
      }
      if (c.equals("..")) {
        if (real.isEmpty()) {
          throw new UnsafeEntryException(entry, "a symlink on its path leads out of the root");
        }
        real.pollLast();
        cur = cur.getParent();
        continue;
      }
      Path next = cur.resolve(c);
      BasicFileAttributes a = lstat(next);
      if (a == null) {
        if (!create) {
          return Optional.empty();
        }
        Files.createDirectory(next);
        created.accept(next);
        a = lstat(next);
      }
      if (a.isSymbolicLink()) {
        if (++links > MAX_LINKS) {
          throw new UnsafeEntryException(entry, "too many symlinks on its path");
        }
        String target = Files.readSymbolicLink(next).toString();
        if (target.startsWith("/")) {
          throw new UnsafeEntryException(entry,
              "its path goes through symlink '" + root.relativize(next) + "' -> '" + target
                  + "', an absolute link that leads out of the root");
        }
        String[] parts = target.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
          todo.addFirst(parts[i]);
        }
        continue;
      }
      if (!a.isDirectory()) {
        throw new LayerException(entry, "'" + root.relativize(next) + "' on its path is not a directory");
      }
      real.addLast(c);
      cur = next;
    }
    return Optional.of(cur);
  }

  static BasicFileAttributes lstat(Path p) throws IOException {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (java.nio.file.NoSuchFileException e) {
      return null;
    }
  }
}
