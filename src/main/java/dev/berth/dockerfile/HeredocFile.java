package dev.berth.dockerfile;

import java.util.Objects;

/**
 * A here-document as an instruction uses it: a named body that RUN feeds to its command or that
 * COPY/ADD write as a file.
 *
 * @param expand whether the builder expands variables in the body (COPY/ADD) or leaves it to the
 *     shell (RUN); false when the delimiter was quoted
 */
public record HeredocFile(String name, String content, boolean expand) {
  public HeredocFile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(content, "content");
  }
}
