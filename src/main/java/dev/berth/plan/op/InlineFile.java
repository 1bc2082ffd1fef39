package dev.berth.plan.op;

import java.util.Objects;

/** A file whose content is given in the Dockerfile (a COPY here-document). */
public record InlineFile(String name, String content) {
  public InlineFile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(content, "content");
  }
}
