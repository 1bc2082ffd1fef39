package dev.berth.app;

import dev.berth.diag.BerthException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where {@code berth build} takes its context from, as docker reads the CONTEXT argument: a
 * directory, {@code -} (a tar, plain or compressed, or a lone Dockerfile, on standard input), or a
 * git repository.
 */
public sealed interface ContextSource {

  /** A directory on this machine. */
  record Directory(Path path) implements ContextSource {
    public Directory {
      Objects.requireNonNull(path, "path");
    }
  }

  /** {@code -}: standard input. */
  record Stdin() implements ContextSource {}

  /** A git repository, cloned for the build. */
  record Git(GitUrl url) implements ContextSource {
    public Git {
      Objects.requireNonNull(url, "url");
    }
  }

  /**
   * Reads the CONTEXT argument. A URL is never taken for a directory (that would collapse its
   * {@code //}): a git URL is a git context, any other URL is refused.
   *
   * @throws BerthException invalid input
   */
  static ContextSource parse(String arg) throws BerthException {
    if (arg.equals("-")) {
      return new Stdin();
    }
    if (GitUrl.isGit(arg)) {
      return new Git(GitUrl.parse(arg));
    }
    if (GitUrl.isUrl(arg)) {
      throw BerthException.invalid(
          arg
              + ": berth builds from a directory, '-' or a git repository URL (ending in .git, or"
              + " git://, git@, ssh://, file://); download other URLs first");
    }
    if (arg.isEmpty()) {
      throw BerthException.invalid("the build context may not be empty");
    }
    return new Directory(Path.of(arg));
  }
}
