package dev.berth.dockerfile.syntax;

import dev.berth.diag.BerthException;
import dev.berth.diag.Diagnostic;
import dev.berth.diag.SourceRange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a Dockerfile into a {@link SyntaxTree} the way BuildKit's {@code
 * frontend/dockerfile/parser} does: parser directives, comments, line continuations with the file's
 * escape character, flags, exec and shell forms, and here-documents.
 */
public final class DockerfileParser {

  /** Go's bufio.MaxScanTokenSize: the longest line BuildKit reads, newline included. */
  private static final int MAX_LINE = 64 * 1024;

  /**
   * The largest Dockerfile berth reads, 16 MiB. BuildKit sets none (a Dockerfile travels in one
   * gRPC message, which its default size limit keeps near this); a bound keeps {@code -f /dev/zero}
   * and friends from filling the heap.
   */
  public static final int MAX_FILE_BYTES = 16 * 1024 * 1024;

  private final String file;
  private final List<PhysicalLine> lines;
  private final DirectiveReader directives;
  private final List<Node> nodes = new ArrayList<>();
  private final List<Diagnostic> warnings = new ArrayList<>();
  private final List<Comment> comments = new ArrayList<>();
  private int next;

  private DockerfileParser(String file, String text) {
    this.file = file;
    this.lines = PhysicalLine.split(text);
    this.directives = new DirectiveReader(file);
  }

  /**
   * Parses a whole Dockerfile.
   *
   * @param fileName the name used in source ranges and messages
   * @throws BerthException when the file is not a Dockerfile BuildKit would read: no instructions,
   *     an unknown instruction, missing arguments, a JSON array of non-strings, an unterminated
   *     heredoc, a bad or repeated parser directive
   */
  public static SyntaxTree parse(String fileName, String text) throws BerthException {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(text, "text");
    if (text.length() > MAX_FILE_BYTES / 3) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      if (bytes.length > MAX_FILE_BYTES) {
        throw tooLarge(fileName, bytes);
      }
    }
    return new DockerfileParser(fileName, text).run();
  }

  /**
   * Reads a Dockerfile's bytes, but no more than {@link #MAX_FILE_BYTES}: a longer input (such as
   * an endless device) is an error at the line the limit falls in.
   */
  public static byte[] readBounded(InputStream in, String fileName)
      throws IOException, BerthException {
    byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
    if (bytes.length > MAX_FILE_BYTES) {
      throw tooLarge(fileName, bytes);
    }
    return bytes;
  }

  private static BerthException tooLarge(String fileName, byte[] bytes) {
    int line = 1;
    for (int i = 0; i < MAX_FILE_BYTES; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    return BerthException.error(
        "file-too-large",
        "the Dockerfile is larger than "
            + (MAX_FILE_BYTES / (1024 * 1024))
            + " MiB, the most berth reads (the limit is passed on this line)",
        SourceRange.at(fileName, line, 1));
  }

  private SyntaxTree run() throws BerthException {
    checkLineLengths();
    while (next < lines.size()) {
      PhysicalLine first = lines.get(next++);
      String content = first.content();
      int lead = Whitespace.skipSpace(content, 0, content.length());
      String stripped = content.substring(lead);
      boolean directive = directives.offer(first.number(), stripped, lead + 1);
      if (stripped.startsWith("#")) {
        if (!directive) {
          comments.add(
              new Comment(
                  stripped.substring(1),
                  new SourceRange(
                      file, first.number(), lead + 1, first.number(), content.length())));
        }
        continue;
      }
      int keep = continuationCut(stripped);
      boolean continued = keep >= 0;
      if (!continued && stripped.isEmpty()) {
        continue;
      }
      LogicalLine.Builder builder = new LogicalLine.Builder(file, first.number(), lead + 1);
      builder.append(stripped, 0, continued ? keep : stripped.length(), first.number(), lead + 1);
      int lastLine = first.number();
      int emptyContinuation = 0;
      while (continued && next < lines.size()) {
        PhysicalLine l = lines.get(next++);
        lastLine = l.number();
        if (l.isComment()) {
          continue;
        }
        if (Whitespace.isBlank(l.content())) {
          emptyContinuation = emptyContinuation == 0 ? l.number() : emptyContinuation;
          continue;
        }
        keep = continuationCut(l.content());
        continued = keep >= 0;
        builder.append(l.content(), 0, continued ? keep : l.content().length(), l.number(), 1);
      }
      LogicalLine line = builder.build();
      InstructionReader.Parsed parsed =
          new InstructionReader(line, directives.escapeToken()).read(0, line.text().length());
      if (emptyContinuation > 0) {
        warnings.add(
            Diagnostic.warning(
                "empty-continuation-line",
                "empty continuation line in "
                    + parsed.keyword().toUpperCase(Locale.ROOT)
                    + " (empty continuation lines will become errors in a future release)",
                SourceRange.at(file, emptyContinuation, 1)));
      }
      List<Heredoc> heredocs = parsed.mayHaveHeredocs() ? readHeredocs(line) : List.of();
      if (!heredocs.isEmpty()) {
        lastLine = lines.get(next - 1).number();
      }
      nodes.add(toNode(parsed, line, heredocs, lastLine));
    }
    if (nodes.isEmpty()) {
      SourceRange where = lines.isEmpty() ? SourceRange.file(file) : SourceRange.at(file, 1, 1);
      throw BerthException.error(
          "no-instructions",
          "file with no instructions: expected FROM or another instruction",
          where);
    }
    return new SyntaxTree(
        file, directives.directives(), directives.escapeToken(), nodes, warnings, comments);
  }

  /**
   * BuildKit reads lines with Go's scanner, whose buffer holds 64 KiB with the newline: a longer
   * physical line fails the whole file.
   */
  private void checkLineLengths() throws BerthException {
    for (PhysicalLine l : lines) {
      String body = l.raw().endsWith("\n") ? l.raw().substring(0, l.raw().length() - 1) : l.raw();
      if (body.length() >= MAX_LINE / 3 && utf8Length(body) >= MAX_LINE) {
        throw BerthException.error(
            "line-too-long",
            "dockerfile line greater than max allowed size of " + (MAX_LINE - 1),
            SourceRange.at(file, l.number(), 1));
      }
    }
  }

  private static int utf8Length(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  /**
   * Where a line ends if it continues on the next one: it ends in the escape character, maybe
   * followed by spaces and tabs, and that escape character is not itself escaped. Returns the
   * length of the text to keep, or -1 when the line does not continue.
   */
  private int continuationCut(String s) {
    char escape = directives.escapeToken();
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
      end--;
    }
    if (end == 0 || s.charAt(end - 1) != escape) {
      return -1;
    }
    int at = end - 1;
    if (at > 0 && s.charAt(at - 1) == escape) {
      return -1;
    }
    return at;
  }

  /** Reads the bodies of the heredocs the instruction opened, in order, from the next lines. */
  private List<Heredoc> readHeredocs(LogicalLine line) throws BerthException {
    List<Heredoc> heredocs = new ArrayList<>();
    for (HeredocMarkers.Marker marker : HeredocMarkers.find(line.text())) {
      StringBuilder content = new StringBuilder();
      boolean terminated = false;
      while (next < lines.size()) {
        PhysicalLine l = lines.get(next++);
        String candidate = marker.chomp() ? stripTabs(l.content()) : l.content();
        if (candidate.equals(marker.name())) {
          terminated = true;
          break;
        }
        content.append(marker.chomp() ? stripTabs(l.raw()) : l.raw());
      }
      if (!terminated) {
        SourceRange at = line.at(marker.start());
        throw BerthException.error(
            "unterminated-heredoc",
            "unterminated heredoc: the here-document opened on line "
                + at.startLine()
                + " needs a line "
                + GoQuote.quote(marker.name())
                + " to end it before the end of the file",
            at);
      }
      heredocs.add(new Heredoc(marker.name(), content.toString(), marker.expand(), marker.chomp()));
    }
    return heredocs;
  }

  private static String stripTabs(String s) {
    int i = 0;
    while (i < s.length() && s.charAt(i) == '\t') {
      i++;
    }
    return s.substring(i);
  }

  private Node toNode(
      InstructionReader.Parsed p, LogicalLine line, List<Heredoc> heredocs, int lastLine) {
    SourceRange start = line.at(p.keywordStart());
    int endColumn = Math.max(1, lines.get(lastLine - 1).content().length());
    SourceRange range =
        new SourceRange(file, start.startLine(), start.startColumn(), lastLine, endColumn);
    Optional<Node> trigger =
        p.trigger() == null
            ? Optional.empty()
            : Optional.of(toNode(p.trigger(), line, heredocs, lastLine));
    return new Node(
        p.keyword(), p.flags(), p.args(), p.json(), heredocs, trigger, p.original(), range);
  }
}
