package dev.berth.app;

import dev.berth.diag.BerthException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * A BuildKit named context ({@code --build-context NAME=VALUE}, compose's {@code
 * additional_contexts}): a directory, an image ({@code docker-image://REF}) or a git repository,
 * which {@code FROM NAME}, {@code COPY --from=NAME} and {@code RUN --mount=from=NAME} read before
 * any stage or image of that name.
 */
public sealed interface NamedContext {

  /** A directory on this machine. */
  record Local(Path path) implements NamedContext {
    public Local {
      Objects.requireNonNull(path, "path");
    }
  }

  /** {@code docker-image://REF}: an image, from the store or its registry. */
  record Image(String reference) implements NamedContext {
    public Image {
      Objects.requireNonNull(reference, "reference");
    }
  }

  /** A git repository, cloned as a git build context is. */
  record Git(GitUrl url) implements NamedContext {
    public Git {
      Objects.requireNonNull(url, "url");
    }
  }

  /** One {@code --build-context} value, named. */
  record Named(String name, NamedContext context) {}

  /**
   * Reads {@code NAME=VALUE}.
   *
   * @throws BerthException invalid input
   */
  static Named parse(String spec) throws BerthException {
    int eq = spec.indexOf('=');
    if (eq <= 0 || eq == spec.length() - 1) {
      throw BerthException.invalid(
          "--build-context must be NAME=PATH, NAME=docker-image://REF or NAME=GIT-URL, not '"
              + spec
              + "'");
    }
    String name = spec.substring(0, eq);
    String value = spec.substring(eq + 1);
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9_./:@-]*")) {
      throw BerthException.invalid("--build-context: '" + name + "' is not a valid name");
    }
    String lower = value.toLowerCase(Locale.ROOT);
    if (lower.startsWith("docker-image://")) {
      String ref = value.substring("docker-image://".length());
      if (ref.isEmpty()) {
        throw BerthException.invalid(
            "--build-context " + name + ": docker-image:// names no image");
      }
      return new Named(name.toLowerCase(Locale.ROOT), new Image(ref));
    }
    if (GitUrl.isGit(value)) {
      return new Named(name.toLowerCase(Locale.ROOT), new Git(GitUrl.parse(value)));
    }
    if (GitUrl.isUrl(value) || lower.startsWith("target:")) {
      throw BerthException.invalid(
          "--build-context "
              + name
              + ": berth takes a directory, docker-image://REF or a git URL, not '"
              + value
              + "'");
    }
    return new Named(name.toLowerCase(Locale.ROOT), new Local(Path.of(value)));
  }
}
