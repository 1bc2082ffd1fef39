package dev.berth.dockerfile.syntax;

import java.util.Objects;

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
}
