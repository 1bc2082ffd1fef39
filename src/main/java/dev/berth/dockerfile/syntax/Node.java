package dev.berth.dockerfile.syntax;

import dev.berth.diag.SourceRange;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One instruction of a Dockerfile as the parser reads it, before any typing or expansion.
 *
 * <p>{@code args} has the shape BuildKit's parser gives each instruction (and its golden dumps
 * show): for {@code ENV} and {@code LABEL} triples of name, value and separator ({@code "="} or
 * {@code ""} for the old {@code ENV key value} form); for exec-form instructions the strings of the
 * JSON array; for {@code HEALTHCHECK} the type ({@code CMD}, {@code NONE}) and then the command;
 * and so on; for {@code ONBUILD} one argument, the text of the wrapped instruction.
 *
 * @param keyword the instruction name, lower case ({@code "run"})
 * @param flags the {@code --name[=value]} flags in order, with quotes and backslashes removed as
 *     BuildKit does
 * @param json true when the arguments were given as a JSON array (exec form)
 * @param heredocs the here-documents the instruction opened, in order (for {@code ONBUILD}, those
 *     of its wrapped instruction, which carries them too)
 * @param subcommand the instruction that an {@code ONBUILD} wraps; empty otherwise
 * @param original the instruction's text as written, continuation lines joined
 * @param range from the keyword to the end of the instruction's last line (heredoc bodies
 *     included); the end column is that of the last line's last character
 */
public record Node(
    String keyword,
    List<String> flags,
    List<String> args,
    boolean json,
    List<Heredoc> heredocs,
    Optional<Node> subcommand,
    String original,
    SourceRange range) {

  public Node {
    Objects.requireNonNull(keyword, "keyword");
    flags = List.copyOf(flags);
    args = List.copyOf(args);
    heredocs = List.copyOf(heredocs);
    Objects.requireNonNull(subcommand, "subcommand");
    Objects.requireNonNull(original, "original");
    Objects.requireNonNull(range, "range");
  }

  /** The instruction's name as written ({@code "Run"} or {@code "run"}), for casing checks. */
  public String writtenKeyword() {
    int end = 0;
    while (end < original.length() && !Whitespace.isSpace(original.charAt(end))) {
      end++;
    }
    return original.substring(0, end);
  }
}
