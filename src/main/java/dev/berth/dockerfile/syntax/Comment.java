package dev.berth.dockerfile.syntax;

import dev.berth.diag.SourceRange;
import java.util.Objects;

/**
 * A comment line of a Dockerfile. Linters read them: BuildKit takes the comments right above a
 * {@code FROM} or {@code ARG} as its description, and berth reads skip markers from them.
 *
 * @param text what follows the {@code #}, as written
 * @param range the line, from the {@code #} to the end of the line
 */
public record Comment(String text, SourceRange range) {

  public Comment {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(range, "range");
  }

  /** The 1-based line the comment is on. */
  public int line() {
    return range.startLine();
  }
}
