package dev.berth.context;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Resolves paths inside a root the way a chroot sees them: an absolute symlink target starts again
 * at the root and {@code ..} stops there, so a link can never lead outside.
 */
final class RootResolver {

  private static final int MAX_LINKS = 255;

  private final Path root;

  RootResolver(Path root) {
    this.root = root;
  }

  /**
   * The root-relative path with every symlink resolved ({@code followLast} decides for the last
   * component), or empty when some part does not exist or is not a directory.
   */
  Optional<String> resolve(String relative, boolean followLast) throws IOException {
    Deque<String> todo = new ArrayDeque<>(split(relative));
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
      done.add(part);
      Path p = root.resolve(String.join("/", done));
      if (Files.isSymbolicLink(p) && (followLast || !todo.isEmpty())) {
        if (++links > MAX_LINKS) {
          throw new IOException("too many levels of symbolic links: " + relative);
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
      if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.empty();
      }
      if (!todo.isEmpty() && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.empty();
      }
    }
    return Optional.of(String.join("/", done));
  }

  /** The resolved directory's entry names, sorted; empty when it is not a directory. */
  List<String> list(String resolvedDir) throws IOException {
    Path dir = resolvedDir.isEmpty() ? root : root.resolve(resolvedDir);
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    String[] names;
    try (var s = Files.list(dir)) {
      names = s.map(q -> q.getFileName().toString()).toArray(String[]::new);
    } catch (NoSuchFileException e) {
      return List.of();
    }
    Arrays.sort(names);
    return List.of(names);
  }

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
