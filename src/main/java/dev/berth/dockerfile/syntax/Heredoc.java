package dev.berth.dockerfile.syntax;

import java.util.Objects;
import java.util.Optional;

/**
 * A here-document attached to an instruction ({@code <<EOF} ... {@code EOF}).
 *
 * @param name the delimiter word, without quotes or the leading {@code -}
 * @param content the body, each line ending in a newline; leading tabs already removed for {@code
 *     <<-}
 * @param expand false when the delimiter was quoted ({@code <<"EOF"}, {@code <<'EOF'}): the body is
 *     then taken literally
 * @param chomp true for {@code <<-}
 */
public record Heredoc(String name, String content, boolean expand, boolean chomp) {

  public Heredoc {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(content, "content");
  }

  /**
   * The here-document one word opens ({@code <<EOF}, {@code 3<<-"EOF"}, {@code << EOF}), without a
   * body; empty when the word opens none. This is BuildKit's {@code ParseHeredoc}: COPY and ADD use
   * it on their arguments, RUN on its whole command.
   */
  public static Optional<Heredoc> opener(String word) {
    return HeredocMarkers.opener(word, 0)
        .map(m -> new Heredoc(m.name(), "", m.expand(), m.chomp()));
  }
}
