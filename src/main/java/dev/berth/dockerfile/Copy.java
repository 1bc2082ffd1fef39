package dev.berth.dockerfile;

import dev.berth.diag.BerthException;
import dev.berth.diag.SourceRange;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code COPY [--from=S] [--chown=U:G] [--chmod=M] [--link] [--parents] [--exclude=P]... src...
 * dest}.
 *
 * @param sources paths in the context (or in {@code from}); here-documents are in {@code heredocs}
 * @param from a stage name, a stage index or an image reference
 */
public record Copy(
    List<String> sources,
    String destination,
    Optional<String> from,
    Optional<String> chown,
    Optional<String> chmod,
    boolean link,
    boolean parents,
    List<String> excludes,
    List<HeredocFile> heredocs,
    SourceRange range,
    String original)
    implements Instruction, Expandable<Copy> {

  public Copy {
    sources = List.copyOf(sources);
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(chown, "chown");
    Objects.requireNonNull(chmod, "chmod");
    excludes = List.copyOf(excludes);
    heredocs = List.copyOf(heredocs);
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(original, "original");
  }

  @Override
  public Copy expand(WordExpander e) throws BerthException {
    Optional<String> mode = Expansions.optional(e, chmod);
    if (mode.isPresent()) {
      Chmod.check("COPY", mode.get(), range);
    }
    return new Copy(
        Expansions.each(e, sources),
        e.word(destination),
        Expansions.optional(e, from),
        Expansions.optional(e, chown),
        mode,
        link,
        parents,
        Expansions.each(e, excludes),
        Expansions.heredocs(e, heredocs),
        range,
        original);
  }
}
