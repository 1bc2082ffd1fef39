package dev.berth.check;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The folders of a build context that a host makes and an image must not get: a virtualenv ({@code
 * .venv}), the repository ({@code .git}) and Python's bytecode caches ({@code __pycache__}), as
 * context-relative paths with {@code /}.
 */
public record ContextClutter(List<String> paths) {

  public static final ContextClutter NONE = new ContextClutter(List.of());

  /** The folder names looked for. */
  static final Set<String> NAMES = Set.of(".venv", ".git", "__pycache__");

  // A context with more folders than this is walked no further: the check stays fast.
  private static final int MAX_FOLDERS = 20_000;
  private static final Set<String> NOT_WALKED = Set.of("node_modules", "target", "build", "dist");

  public ContextClutter {
    paths = List.copyOf(paths);
  }

  /**
   * Finds the clutter in a context folder: {@code .venv} and {@code .git} at its top, {@code
   * __pycache__} anywhere (looking neither inside clutter nor into build output folders).
   */
  public static ContextClutter scan(Path context) throws IOException {
    if (!Files.isDirectory(context)) {
      return NONE;
    }
    List<String> found = new ArrayList<>();
    int[] folders = {0};
    Files.walkFileTree(
        context,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (dir.equals(context)) {
              return FileVisitResult.CONTINUE;
            }
            if (++folders[0] > MAX_FOLDERS) {
              return FileVisitResult.TERMINATE;
            }
            String name = dir.getFileName().toString();
            String relative = context.relativize(dir).toString().replace('\\', '/');
            boolean top = dir.getParent().equals(context);
            if (name.equals("__pycache__") || (top && NAMES.contains(name))) {
              found.add(relative);
              return FileVisitResult.SKIP_SUBTREE;
            }
            return NAMES.contains(name) || NOT_WALKED.contains(name)
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            return FileVisitResult.CONTINUE;
          }
        });
    found.sort(null);
    return new ContextClutter(found);
  }

  /** The clutter at or below a context-relative folder ({@code ""} for the whole context). */
  List<String> under(String folder) {
    if (folder.isEmpty()) {
      return paths;
    }
    return paths.stream().filter(p -> p.equals(folder) || p.startsWith(folder + "/")).toList();
  }
}
