package dev.berth.dockerfile;

import dev.berth.diag.BerthException;
import dev.berth.diag.SourceRange;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code ADD [--chown] [--chmod] [--link] [--keep-git-dir] [--checksum=D] [--exclude=P]... src...
 * dest}: like COPY, and also URLs, git repositories and local tars that it unpacks.
 */
public record Add(
    List<String> sources,
    String destination,
    Optional<String> chown,
    Optional<String> chmod,
    boolean link,
    boolean keepGitDir,
    Optional<String> checksum,
    List<String> excludes,
    List<HeredocFile> heredocs,
    SourceRange range,
    String original)
    implements Instruction, Expandable<Add> {

  public Add {
    sources = List.copyOf(sources);
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(chown, "chown");
    Objects.requireNonNull(chmod, "chmod");
    Objects.requireNonNull(checksum, "checksum");
    excludes = List.copyOf(excludes);
    heredocs = List.copyOf(heredocs);
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(original, "original");
  }

  @Override
  public Add expand(WordExpander e) throws BerthException {
    Optional<String> mode = Expansions.optional(e, chmod);
    if (mode.isPresent()) {
      Chmod.check("ADD", mode.get(), range);
    }
    Optional<String> sum = Expansions.optional(e, checksum);
    if (sum.isPresent()) {
      Checksums.check(sum.get(), range);
    }
    return new Add(
        Expansions.each(e, sources),
        e.word(destination),
        Expansions.optional(e, chown),
        mode,
        link,
        keepGitDir,
        sum,
        Expansions.each(e, excludes),
        Expansions.heredocs(e, heredocs),
        range,
        original);
  }
}
