package dev.berth.context;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.layer.RootPath;
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
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Selects what a COPY or ADD copies, with docker's rules: sources are relative to the root and
 * never leave it, wildcards match per path component, a directory gives its contents, a source that
 * is a symlink is followed while symlinks inside copied directories stay links, and several sources
 * need a destination ending in {@code /}.
 */
public final class CopySelector {

  private final RootPath resolver;
  private final Predicate<String> ignored;
  private final DockerIgnore excludes;
  private final List<CopyOp> ops = new ArrayList<>();
  private final Deque<CopyOp> pendingDirs = new ArrayDeque<>();
  private final List<String> skipped = new ArrayList<>();

  private CopySelector(Path root, Predicate<String> ignored, DockerIgnore excludes) {
    this.resolver = RootPath.of(root);
    this.ignored = ignored;
    this.excludes = excludes;
  }

  /** As the full form, for a destination image where no directory exists yet. */
  public static CopySelection select(
      Path root,
      List<String> sources,
      String dest,
      String workdir,
      List<String> excludes,
      Predicate<String> ignored)
      throws IOException {
    return select(root, sources, dest, workdir, excludes, ignored, path -> false);
  }

  /**
   * Selects the ops of one COPY or ADD.
   *
   * @param root the context directory, or a stage's root for {@code --from}
   * @param sources the source arguments after variable expansion
   * @param dest the destination argument; relative to {@code workdir} unless absolute
   * @param workdir the stage's WORKDIR (absolute; empty means {@code /})
   * @param excludes {@code COPY --exclude} patterns, matched against paths relative to each source
   * @param ignored root-relative paths left out of the context ({@link DockerIgnore}, or {@code p
   *     -> false} for a stage); a {@link DockerIgnore} also lets the walk skip excluded subtrees
   * @param isDirectoryInImage whether an absolute path is a directory in the image being built, so
   *     a single file copied onto it lands inside
   */
  public static CopySelection select(
      Path root,
      List<String> sources,
      String dest,
      String workdir,
      List<String> excludes,
      Predicate<String> ignored,
      Predicate<String> isDirectoryInImage)
      throws IOException {
    return select(root, sources, dest, workdir, excludes, ignored, isDirectoryInImage, false);
  }

  /**
   * As above; with {@code parents} ({@code COPY --parents}) each match keeps its path below the
   * destination: the whole root-relative path, or the part after a {@code /./} in the source.
   */
  public static CopySelection select(
      Path root,
      List<String> sources,
      String dest,
      String workdir,
      List<String> excludes,
      Predicate<String> ignored,
      Predicate<String> isDirectoryInImage,
      boolean parents)
      throws IOException {
    Objects.requireNonNull(root, "root");
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("COPY needs at least one source");
    }
    DockerIgnore excludeRules;
    try {
      excludeRules = DockerIgnore.of("COPY --exclude", excludes);
    } catch (BerthException e) {
      throw new BerthException(ErrorKind.INVALID_INPUT, "bad-exclude-pattern", e.first().message());
    }
    boolean dirLike = dest.endsWith("/") || dest.equals(".") || dest.endsWith("/.");
    String base = workdir.isEmpty() ? "/" : workdir;
    String destination = PathNames.clean(dest.startsWith("/") ? dest : base + "/" + dest);
    if (!destination.startsWith("/")) {
      destination = PathNames.clean("/" + destination);
    }
    dirLike |= destination.equals("/");
    if (sources.size() > 1 && !dirLike) {
      throw manySources(dest);
    }
    CopySelector s = new CopySelector(root, ignored, excludeRules);
    boolean fileIntoDir = dirLike || isDirectoryInImage.test(destination);
    int matched = 0;
    for (String source : sources) {
      int found =
          parents
              ? s.addSourceKeepingParents(source, destination)
              : s.addSource(source, destination, fileIntoDir);
      if (found <= 0 && Glob.hasWildcards(PathNames.inRoot(source))) {
        // BuildKit's AllowEmptyWildcard: a pattern that matches nothing copies nothing, alone or
        // beside other sources.
        continue;
      }
      if (found < 0) {
        throw new BerthException(
            ErrorKind.INVALID_INPUT,
            "copy-source-not-found",
            "source \"" + source + "\" not found: it is excluded by .dockerignore or --exclude");
      }
      if (found == 0) {
        throw new BerthException(
            ErrorKind.INVALID_INPUT,
            "copy-source-not-found",
            "source \"" + source + "\" not found");
      }
      matched += found;
    }
    if (matched > 1 && !dirLike) {
      throw manySources(dest);
    }
    return new CopySelection(root, destination, s.ops, s.skipped);
  }

  private static BerthException manySources(String dest) {
    return new BerthException(
        ErrorKind.INVALID_INPUT,
        "copy-dest-not-dir",
        "when using COPY with more than one source file, the destination must be a directory and"
            + " end with a / (got \""
            + dest
            + "\")");
  }

  /**
   * Adds the ops of one source argument; returns how many matches it had in the context, or -1 when
   * something matched on disk but every match was excluded.
   */
  private int addSource(String source, String destination, boolean fileIntoDir) throws IOException {
    int present = 0;
    boolean onDisk = false;
    for (String candidate : expand(PathNames.inRoot(source))) {
      Optional<String> resolved = existing(candidate);
      if (resolved.isEmpty()) {
        continue;
      }
      onDisk = true;
      int before = ops.size();
      String real = resolved.get();
      Stat st = stat(resolver.file(real));
      if (st.kind() == FileKind.DIRECTORY) {
        walk(real, "", destination, st);
      } else if (st.kind() == FileKind.FILE) {
        String name = PathNames.base(candidate);
        if (!isIgnored(real) && !excludes.matches(name)) {
          String to = fileIntoDir ? join(destination, name) : destination;
          emit(
              new CopyOp(
                  real, resolver.file(real), to, FileKind.FILE, st.mode(), st.size(), "", true));
        }
      } else if (st.kind() == null && !isIgnored(real)) {
        if (!Glob.hasWildcards(source)) {
          throw new BerthException(
              ErrorKind.INVALID_INPUT,
              "copy-special-file",
              "source \""
                  + source
                  + "\" is "
                  + st.special()
                  + ": COPY and ADD copy files, directories and symbolic links");
        }
        skipped.add(real + " (" + st.special() + ")");
      }
      if (ops.size() > before) {
        present++;
      }
    }
    return present == 0 && onDisk ? -1 : present;
  }

  /**
   * {@link #addSource} for {@code --parents}: each match lands at its own path below the
   * destination, less the components before a {@code /./} pivot.
   */
  private int addSourceKeepingParents(String source, String destination) throws IOException {
    int pivot = source.indexOf("/./");
    int dropped = pivot < 0 ? 0 : PathNames.inRoot(source.substring(0, pivot)).split("/").length;
    if (pivot >= 0 && PathNames.inRoot(source.substring(0, pivot)).isEmpty()) {
      dropped = 0;
    }
    int total = 0;
    for (String candidate : expand(PathNames.inRoot(source))) {
      String[] parts = candidate.split("/");
      String kept =
          String.join("/", List.of(parts).subList(Math.min(dropped, parts.length), parts.length));
      String at = kept.isEmpty() ? destination : join(destination, kept);
      int found = addSource(candidate, at, false);
      if (found < 0) {
        return -1;
      }
      total += found;
    }
    return total;
  }

  /** A root-relative path resolved in the root, or empty when it does not exist there. */
  private Optional<String> existing(String relative) throws IOException {
    String resolved = resolver.resolve(relative, true);
    return resolver.exists(resolved) ? Optional.of(resolved) : Optional.empty();
  }

  /** The resolved directory's entry names, sorted; empty when it is not a directory. */
  private List<String> list(String resolvedDir) throws IOException {
    Path dir = resolver.file(resolvedDir);
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

  /** The root-relative paths a source names: itself, or its wildcard matches in sorted order. */
  private List<String> expand(String source) throws IOException {
    if (!Glob.hasWildcards(source)) {
      return List.of(source);
    }
    List<String> current = List.of("");
    for (String part : source.split("/")) {
      List<String> next = new ArrayList<>();
      for (String prefix : current) {
        if (!Glob.hasWildcards(part) && part.indexOf('\\') < 0) {
          next.add(PathNames.child(prefix, part));
          continue;
        }
        Glob glob;
        try {
          glob = Glob.compile(part, false);
        } catch (BadPatternException e) {
          throw new BerthException(
              ErrorKind.INVALID_INPUT,
              "bad-copy-pattern",
              "bad pattern in source \"" + source + "\": " + e.getMessage());
        }
        Optional<String> dir = existing(prefix);
        if (dir.isEmpty()) {
          continue;
        }
        for (String name : list(dir.get())) {
          if (glob.matches(name)) {
            next.add(PathNames.child(prefix, name));
          }
        }
      }
      current = next;
    }
    return current;
  }

  /**
   * Walks a directory whose contents land in {@code destDir}. An excluded directory is only entered
   * when an exception could bring back something under it, and its own op is held back until that
   * happens.
   */
  private void walk(String dir, String relToSource, String destDir, Stat st) throws IOException {
    CopyOp dirOp =
        new CopyOp(
            dir,
            resolver.file(dir),
            destDir,
            FileKind.DIRECTORY,
            st.mode(),
            0,
            "",
            relToSource.isEmpty());
    boolean excluded = isIgnored(dir) || (!relToSource.isEmpty() && excludes.matches(relToSource));
    if (excluded) {
      if (!mayIncludeUnder(dir, relToSource)) {
        return;
      }
      pendingDirs.addLast(dirOp);
    } else {
      emit(dirOp);
    }
    for (String name : list(dir)) {
      String child = PathNames.child(dir, name);
      String childRel = PathNames.child(relToSource, name);
      String childDest = join(destDir, name);
      Path path = resolver.file(child);
      Stat cs = stat(path);
      if (cs.kind() == FileKind.DIRECTORY) {
        walk(child, childRel, childDest, cs);
      } else if (cs.kind() != null && !isIgnored(child) && !excludes.matches(childRel)) {
        String target =
            cs.kind() == FileKind.SYMLINK ? Files.readSymbolicLink(path).toString() : "";
        emit(new CopyOp(child, path, childDest, cs.kind(), cs.mode(), cs.size(), target, false));
      } else if (cs.kind() == null && !isIgnored(child) && !excludes.matches(childRel)) {
        skipped.add(child + " (" + cs.special() + ")");
      }
    }
    if (excluded && pendingDirs.peekLast() == dirOp) {
      pendingDirs.removeLast();
    }
  }

  private boolean isIgnored(String rootRelative) {
    return !rootRelative.isEmpty() && ignored.test(rootRelative);
  }

  private boolean mayIncludeUnder(String dir, String relToSource) {
    boolean ignoreAllows =
        !isIgnored(dir) || !(ignored instanceof DockerIgnore di) || di.mayIncludeUnder(dir);
    boolean excludeAllows =
        relToSource.isEmpty()
            || !excludes.matches(relToSource)
            || excludes.mayIncludeUnder(relToSource);
    return ignoreAllows && excludeAllows;
  }

  private void emit(CopyOp op) {
    // An excluded directory still goes into the image as the parent of what was let back in.
    ops.addAll(pendingDirs);
    pendingDirs.clear();
    ops.add(op);
  }

  private static String join(String dir, String name) {
    return dir.equals("/") ? "/" + name : dir + "/" + name;
  }

  /**
   * The kind (null for sockets, pipes and devices, which are not copied), permission bits and size
   * of a path, and its file type bits.
   */
  private record Stat(FileKind kind, int mode, long size, int type) {

    /** What a path that is not copied is, as ls -l's first letter names it. */
    String special() {
      return switch (type) {
        case 0010000 -> "a named pipe";
        case 0140000 -> "a socket";
        case 0020000 -> "a character device";
        case 0060000 -> "a block device";
        default -> "a special file";
      };
    }
  }

  private static Stat stat(Path path) throws IOException {
    Map<String, Object> a = Files.readAttributes(path, "unix:mode,size", LinkOption.NOFOLLOW_LINKS);
    int mode = (Integer) a.get("mode");
    FileKind kind =
        switch (mode & 0170000) {
          case 0040000 -> FileKind.DIRECTORY;
          case 0100000 -> FileKind.FILE;
          case 0120000 -> FileKind.SYMLINK;
          default -> null;
        };
    long size = kind == FileKind.FILE ? (Long) a.get("size") : 0;
    return new Stat(kind, mode & 07777, size, mode & 0170000);
  }
}
