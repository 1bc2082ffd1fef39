package dev.berth.app;

import dev.berth.context.GitCheckouts;
import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.layer.Compression;
import dev.berth.layer.LayerApplier;
import dev.berth.store.AtomicFiles;
import dev.berth.store.Store;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Turns a build's {@link ContextSource} into a directory the build reads: a directory as it is, a
 * tar from standard input unpacked into a private temporary directory (removed when the build
 * ends), a git repository checked out once per commit into the store's context cache room.
 */
public final class BuildContexts {

  private final Berth berth;

  BuildContexts(Berth berth) {
    this.berth = berth;
  }

  /**
   * The context, opened for one build.
   *
   * @param dockerfile {@code -f}: for a tar or git context a relative path names a file inside it
   *     (docker's rule), otherwise it passes unchanged
   * @param stdin standard input, for {@code -}; may be null when there is none
   * @param log one line for each thing worth telling (a clone, a cached checkout)
   */
  public Opened open(
      ContextSource source, Optional<Path> dockerfile, InputStream stdin, Consumer<String> log)
      throws IOException, InterruptedException {
    if (source instanceof ContextSource.Directory d) {
      return new Opened(d.path(), dockerfile, null);
    }
    Store store = berth.openStore();
    try {
      if (source instanceof ContextSource.Stdin) {
        return fromStdin(store, dockerfile, stdin);
      }
      GitUrl url = ((ContextSource.Git) source).url();
      Path dir = git(store, url, log);
      store.close();
      return new Opened(dir, inside(dir, dockerfile, url.toString()), null);
    } catch (IOException | InterruptedException | RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** The directory of a git context: its commit checked out (or cached), then the subdirectory. */
  Path git(GitUrl url, Consumer<String> log) throws IOException, InterruptedException {
    try (Store store = berth.openStore()) {
      return git(store, url, log);
    }
  }

  private static Path git(Store store, GitUrl url, Consumer<String> log)
      throws IOException, InterruptedException {
    GitCheckouts.Checkout c =
        new GitCheckouts(store.layout().contextCache(), store.newTempPath("git").getParent(), log)
            .checkout(url.remote(), url.ref());
    if (url.subdir().isEmpty()) {
      return c.tree();
    }
    Path dir = c.tree().resolve(url.subdir().get());
    // The tree came from elsewhere: a symlink on the way must not lead out of it.
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
        || !dir.toRealPath().startsWith(c.tree().toRealPath())) {
      throw new BerthException(
          ErrorKind.NOT_FOUND,
          "git-subdir-not-found",
          "git context "
              + url
              + ": no directory '"
              + url.subdir().get()
              + "' in commit "
              + c.commit());
    }
    return dir;
  }

  private static Opened fromStdin(Store store, Optional<Path> dockerfile, InputStream stdin)
      throws IOException {
    if (dockerfile.isPresent() && dockerfile.get().toString().equals("-")) {
      throw BerthException.invalid(
          "cannot read both the build context and the Dockerfile from standard input");
    }
    if (stdin == null) {
      throw BerthException.invalid(
          "-: this command has no standard input to read the context from");
    }
    Path dir = store.newTempPath("context");
    Files.createDirectories(dir);
    BufferedInputStream in =
        new BufferedInputStream(Compression.decompressedArchive(stdin), 1 << 16);
    in.mark(512);
    byte[] head = in.readNBytes(512);
    in.reset();
    if (head.length == 0) {
      throw BerthException.invalid(
          "-: standard input is empty; pipe a tar or a Dockerfile in (berth build - < ctx.tar)");
    }
    if (TarHeaders.isTar(head)) {
      try {
        // The layer applier keeps every entry inside the directory and refuses hostile names.
        new LayerApplier().apply(in, dir);
      } catch (BerthException e) {
        throw BerthException.invalid("-: the context tar cannot be unpacked: " + e.getMessage(), e);
      }
      return new Opened(dir, inside(dir, dockerfile, "the context tar"), store);
    }
    // docker build - < Dockerfile: no context but the Dockerfile itself, as docker's CLI sends it.
    if (dockerfile.isPresent()) {
      throw BerthException.invalid(
          "-f " + dockerfile.get() + ": standard input holds a Dockerfile, not a context tar");
    }
    Files.write(dir.resolve("Dockerfile"), in.readAllBytes());
    return new Opened(dir, Optional.empty(), store);
  }

  /**
   * {@code -f} for a context that came from elsewhere: a relative path is a file inside it, and may
   * not climb out; anything else is left as it is.
   */
  private static Optional<Path> inside(Path dir, Optional<Path> flag, String what)
      throws BerthException {
    if (flag.isEmpty() || flag.get().isAbsolute() || flag.get().toString().equals("-")) {
      return flag;
    }
    Path resolved = dir.resolve(flag.get()).normalize();
    if (!resolved.startsWith(dir)) {
      throw BerthException.invalid("-f " + flag.get() + " climbs out of " + what);
    }
    return Optional.of(resolved);
  }

  /** A context ready to build from; closing it removes what was made for it. */
  public static final class Opened implements AutoCloseable {
    private final Path directory;
    private final Optional<Path> dockerfile;
    private final Store held;

    private Opened(Path directory, Optional<Path> dockerfile, Store held) {
      this.directory = directory;
      this.dockerfile = dockerfile;
      this.held = held;
    }

    /** The context directory. */
    public Path directory() {
      return directory;
    }

    /** {@code -f} as the build reads it: inside the context for a tar or git context. */
    public Optional<Path> dockerfile() {
      return dockerfile;
    }

    @Override
    public void close() throws IOException {
      if (held != null) {
        // A context unpacked for one build is never seen again: its digest cache goes too, and
        // the session's temporary directory, with the unpacked files, goes with the store.
        try {
          AtomicFiles.deleteTree(held.layout().contextDigests(directory));
        } finally {
          held.close();
        }
      }
    }
  }
}
